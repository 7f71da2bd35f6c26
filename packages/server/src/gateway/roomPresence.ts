/**
 * Presence in rooms as seen by this node (docs/subsystems/rooms.md, "Presence"): a person is in a
 * room while one of their sockets here subscribes to it. When the last one goes, they leave the
 * room after `presenceGraceMs` unless a socket comes back (a reload, a network switch). Every
 * `presenceGraceMs` the node vouches for the people it holds (`touchParticipants`); the sweep
 * ends presence nobody vouched for in three periods, so a node that dies does not leave people
 * in rooms forever.
 */
import type { Deps } from '../domain/deps.js';
import { DomainError } from '../domain/errors.js';
import { leaveRoom } from '../domain/rooms/leaveRoom.js';
import { roomLimits } from '../domain/rooms/limits.js';
import type { UserRow } from '../storage/store.js';

type Timers = { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };
const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export class RoomPresence {
  /** roomId → userId → [sockets subscribed here, the user]. */
  private readonly held = new Map<string, Map<string, { sockets: number; user: UserRow }>>();
  private readonly leaving = new Map<string, unknown>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly deps: Pick<Deps, 'store' | 'clock' | 'limits'>,
    private readonly onError: (err: unknown) => void,
    private readonly timers: Timers = realTimers,
    /** What a lapse of presence does (leave, in built-in mode; nothing when the audio service says who is in: domain/audio/roomsPort.ts). */
    private readonly lapsed: (user: UserRow, roomId: string) => Promise<void> = (user, roomId) => leaveRoom(deps, user, roomId, 'presence'),
  ) {
    // Twice per grace period: a leave by presence checks that nobody vouched within one (leaveRoom.ts).
    this.heartbeat = setInterval(() => void this.vouch().catch(onError), roomLimits(deps.limits).presenceGraceMs / 2);
    this.heartbeat.unref();
  }

  /** A socket of `user` subscribed to the room. */
  add(roomId: string, user: UserRow): void {
    const key = `${roomId}\n${user.id}`;
    const t = this.leaving.get(key);
    if (t !== undefined) this.timers.clearTimeout(t);
    this.leaving.delete(key);
    let room = this.held.get(roomId);
    if (!room) this.held.set(roomId, (room = new Map()));
    const h = room.get(user.id);
    if (h) h.sockets++;
    else room.set(user.id, { sockets: 1, user });
  }

  /** A socket of the user stopped listening to the room (unsubscribed, closed, removed). */
  remove(roomId: string, userId: string): void {
    const room = this.held.get(roomId);
    const h = room?.get(userId);
    if (!room || !h) return;
    if (--h.sockets > 0) return;
    room.delete(userId);
    if (room.size === 0) this.held.delete(roomId);
    const key = `${roomId}\n${userId}`;
    this.leaving.set(
      key,
      this.timers.setTimeout(() => {
        this.leaving.delete(key);
        if (this.held.get(roomId)?.has(userId)) return;
        // A room that is gone for them (removed, ended) needs no leaving.
        this.lapsed(h.user, roomId).catch((err: unknown) => (err instanceof DomainError ? undefined : this.onError(err)));
      }, roomLimits(this.deps.limits).presenceGraceMs),
    );
  }

  /** Tells storage that the people held here are still in their rooms. */
  async vouch(): Promise<void> {
    const now = this.deps.clock.now();
    const rooms = [...this.held].map(([roomId, users]) => [roomId, [...users.keys()]] as const);
    if (rooms.length === 0) return;
    await this.deps.store.write(async (tx) => {
      for (const [roomId, userIds] of rooms) await tx.rooms.touchParticipants(roomId, userIds, now);
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const t of this.leaving.values()) this.timers.clearTimeout(t);
    this.leaving.clear();
  }
}
