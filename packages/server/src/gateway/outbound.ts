/**
 * The outgoing side of one socket: frames already on the wire format (fanout/wireFrame.ts) queue
 * here and leave in ONE write per socket per event-loop turn. One `setImmediate` for the whole
 * process flushes every socket that has output (not one per socket per message), so a commit
 * batch that fans out to 8,000 listeners costs 8,000 writes — one per listener — after the batch,
 * however many frames each listener got.
 *
 * The bytes go straight to the socket under `ws` (its Sender would UTF-8-encode and frame the same
 * text again for each socket). That is safe because permessage-deflate is off (app.ts): `ws`'s
 * Sender then writes synchronously and never holds frames of its own, so its control frames
 * (pong, close) can only land between whole frames of ours. A socket that did negotiate an
 * extension gets the payloads through `ws.send` instead.
 *
 * Room fan-out frames (`push(frame, 'room')`) may wait: they leave at most once per `roomFlushMs`
 * for the whole process (leading edge: the first after a quiet spell leaves at once), so a room
 * chatting at 20 msgs/s costs each listener's socket ~10 writes a second instead of 20 — the write
 * per listener is most of the fan-out's CPU (docs/performance.md). Any other frame for the socket
 * takes what is queued along with it, in order; nothing but room frames is ever held, and never
 * more than 64 KiB (or a quarter of the cap) of them. Held
 * sockets are written in slices of `FLUSH_SLICE`, one slice per turn, so a DM's ack does not wait
 * behind 8,000 writes.
 *
 * Back-pressure: what the kernel has not taken yet (`ws.bufferedAmount`) plus what is queued here
 * is bounded by the slow-consumer cap; the caller closes the socket when `push` says no.
 */
import type { WebSocket } from 'ws';
import { payloadOffset, type WireFrame } from '../fanout/wireFrame.js';

interface RawSocket {
  write(chunk: Buffer): boolean;
  cork(): void;
  uncork(): void;
}

/** Sockets written per event-loop turn when room frames are released. */
const FLUSH_SLICE = 1024;
/** Room frames held for a socket beyond this many bytes leave in the next turn. */
const HOLD_MAX_BYTES = 64 * 1024;

/** The flush schedule of one socket server: one `setImmediate` per turn, one room timer. */
export class OutputScheduler {
  private readonly now: Outbound[] = [];
  private readonly held: Outbound[] = [];
  private turnScheduled = false;
  private roomScheduled = false;
  private lastRoomFlush = -Infinity;

  constructor(private readonly roomFlushMs: number) {}

  /** The socket has a frame that leaves in the next turn. */
  soon(o: Outbound): void {
    this.now.push(o);
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(this.flushTurn);
  }

  /** The socket has room frames only: they leave within `roomFlushMs`. */
  later(o: Outbound): void {
    this.held.push(o);
    if (this.roomScheduled) return;
    this.roomScheduled = true;
    const wait = this.lastRoomFlush + this.roomFlushMs - performance.now();
    if (wait <= 0) setImmediate(this.flushRoom);
    else setTimeout(this.flushRoom, wait);
  }

  private readonly flushTurn = (): void => {
    this.turnScheduled = false;
    const list = this.now.splice(0);
    for (const o of list) o.flush('now');
  };

  private readonly flushRoom = (): void => {
    this.lastRoomFlush = performance.now();
    const slice = this.held.splice(0, FLUSH_SLICE);
    for (const o of slice) o.flush('held');
    if (this.held.length > 0) setImmediate(this.flushRoom);
    else this.roomScheduled = false;
  };
}

export class Outbound {
  private frames: WireFrame[] = [];
  private bytes = 0;
  /** In the scheduler's next-turn list / held list. */
  private soon = false;
  private held = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly maxQueuedBytes: number,
    private readonly scheduler: OutputScheduler,
  ) {}

  /** Queues a frame; false (nothing queued) when the socket is past its cap. */
  push(frame: WireFrame, kind: 'now' | 'room' = 'now'): boolean {
    if (this.ws.bufferedAmount + this.bytes + frame.length > this.maxQueuedBytes) return false;
    this.frames.push(frame);
    this.bytes += frame.length;
    if (this.soon) return true;
    // Held frames are for small, frequent events; a socket with a lot queued writes next turn
    // (a busy room must not look like a slow consumer because we held its frames).
    if (kind === 'now' || this.bytes >= Math.min(HOLD_MAX_BYTES, this.maxQueuedBytes / 4)) {
      this.soon = true;
      this.scheduler.soon(this);
    } else if (!this.held) {
      this.held = true;
      this.scheduler.later(this);
    }
    return true;
  }

  /** Drops what is queued (a slow consumer is closed without it). */
  discard(): void {
    this.frames = [];
    this.bytes = 0;
  }

  /** Writes what is queued now, in one write; `from` says which schedule called. */
  flush(from?: 'now' | 'held'): void {
    if (from === 'now') this.soon = false;
    else if (from === 'held') this.held = false;
    const frames = this.frames;
    if (frames.length === 0) return;
    const bytes = this.bytes;
    this.frames = [];
    this.bytes = 0;
    if (this.ws.readyState !== this.ws.OPEN) return;
    const internals = this.ws as unknown as { _socket?: RawSocket; _sender?: { _extensions?: Record<string, unknown> } };
    const socket = internals._socket;
    if (!socket) return;
    if (internals._sender && Object.keys(internals._sender._extensions ?? {}).length > 0) {
      socket.cork();
      for (const f of frames) this.ws.send(f.subarray(payloadOffset(f)), { binary: false });
      socket.uncork();
      return;
    }
    socket.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes));
  }
}
