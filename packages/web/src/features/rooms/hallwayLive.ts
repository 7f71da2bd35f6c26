/**
 * The live hallway (docs/subsystems/rooms.md "The hallway"): while a screen shows the hallway, the
 * socket subscribes to `hallway.updated` (coalesced by the server, at most one frame a second) and
 * the store applies it; after every reconnect it subscribes again and re-reads the first page,
 * because updates are not replayed. Screens call `watch()` and the returned function when they go.
 */
import type { BackchannelSocket } from '@backchannel/sdk';
import type { ControllerDeps } from '../../core/client.js';

export class HallwayLive {
  private socket: BackchannelSocket | null = null;
  private watchers = 0;

  constructor(
    private readonly deps: Pick<ControllerDeps, 'store'>,
    private readonly reload: () => Promise<void>,
  ) {}

  /** A new session's socket. */
  attach(socket: BackchannelSocket, live: () => boolean): void {
    this.socket = socket;
    socket.on('hallway', (frame) => {
      if (live()) this.deps.store.dispatch({ type: 'rooms.hallwayLive', rooms: frame.data.rooms, ended: frame.data.ended });
    });
    socket.on('ready', () => {
      if (!live() || this.watchers === 0) return;
      this.subscribe();
      void this.reload().catch(() => undefined);
    });
  }

  watch(): () => void {
    if (++this.watchers === 1) this.subscribe();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.watchers === 0) void this.socket?.request({ op: 'hallway.unsubscribe' }).catch(() => undefined);
    };
  }

  /** Not connected now: the next `ready` subscribes. */
  private subscribe(): void {
    if (this.socket?.phase === 'ready') void this.socket.request({ op: 'hallway.subscribe' }).catch(() => undefined);
  }
}
