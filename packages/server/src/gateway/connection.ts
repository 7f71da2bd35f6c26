/**
 * One authenticated socket: its stream cursor, resume/replay, back-pressure and rate limits.
 * Events reach it from the router (live) or from storage (replay after `resume`); both paths
 * deliver in pos order and a pos is never sent twice. See docs/subsystems/delivery.md.
 */
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type ErrorCode, type ResumeFailedReason, type ServerFrame } from '@backchannel/protocol';
import type { EventRow } from '../storage/store.js';
import type { RoutedConnection } from '../fanout/router.js';
import { eventFrame } from '../fanout/router.js';
import type { GatewayContext } from './context.js';
import { textFrame, type WireFrame } from '../fanout/wireFrame.js';
import { Outbound } from './outbound.js';
import { RoomSubscriptions, type RoomSocket } from './roomSubscriptions.js';

const REPLAY_PAGE = 500;
/** Live events buffered during a replay before we stop buffering and re-read from storage. */
const REPLAY_BUFFER_MAX = 10_000;

type State = 'idle' | 'replaying' | 'live' | 'closed';

export class Connection implements RoutedConnection, RoomSocket {
  readonly connectionId: string;
  private state: State = 'idle';
  private cursor = 0;
  private buffer: EventRow[] = [];
  private bufferOverflowed = false;
  private rateStrikes = 0;
  alive = true;
  /** The rooms this socket listens to (room.subscribe); they end with the socket. */
  readonly rooms: RoomSubscriptions;
  private readonly out: Outbound;

  constructor(
    private readonly ctx: GatewayContext,
    readonly ws: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
  ) {
    this.connectionId = ctx.deps.ids.id();
    this.out = new Outbound(ws, ctx.config.maxQueuedBytes, ctx.output);
    this.rooms = new RoomSubscriptions(this, ctx.router.rooms, (roomId) => ctx.roomPresence.remove(roomId, userId));
  }

  /**
   * A room frame, already serialised and framed (room fan-out writes one Buffer to every
   * subscriber); it may wait up to `roomFlushMs` to share a write with the next ones.
   */
  sendRoomFrame(frame: WireFrame): void {
    this.sendWire(frame, 'room');
  }

  /** A frame serialised for this socket alone (the hallway's); it leaves in the next turn. */
  sendFrame(frame: string): void {
    if (this.state !== 'closed') this.sendWire(textFrame(frame));
  }

  overflow(): void {
    this.close(CLOSE_CODES.slowConsumer, 'slow consumer: reconnect and resume');
  }

  get isLive(): boolean {
    return this.state === 'live';
  }

  send(frame: ServerFrame): void {
    if (this.state !== 'closed') this.sendWire(textFrame(JSON.stringify(frame)));
  }

  sendError(id: string | undefined, code: ErrorCode, message: string, details?: Record<string, unknown>): void {
    this.send({ type: 'error', ...(id !== undefined ? { id } : {}), code, message, ...(details ? { details } : {}) });
  }

  private sendWire(frame: WireFrame, kind: 'now' | 'room' = 'now'): void {
    if (this.state === 'closed') return;
    // Back-pressure: a socket whose unsent bytes pass the cap is closed; it catches up on resume.
    // Frames of one event-loop turn leave in one write (gateway/outbound.ts).
    if (!this.out.push(frame, kind)) this.close(CLOSE_CODES.slowConsumer, 'slow consumer: reconnect and resume');
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.ctx.router.detach(this);
    this.rooms.closeAll();
    // Frames already accepted (e.g. the error that explains the close) go out first, unless the
    // close is for back-pressure, where they are what we are refusing to buffer.
    if (code !== CLOSE_CODES.slowConsumer) this.out.flush();
    else this.out.discard();
    this.ws.close(code, reason.slice(0, 120));
  }

  /** Called when the socket has closed for any reason. */
  closed(): void {
    if (this.state !== 'closed') {
      this.state = 'closed';
      this.ctx.router.detach(this);
      this.rooms.closeAll();
    }
  }

  // RoutedConnection
  deliver(event: EventRow, frame: WireFrame): void {
    if (this.state === 'live') {
      if (event.pos <= this.cursor) return;
      this.cursor = event.pos;
      this.sendWire(frame);
    } else if (this.state === 'replaying') {
      if (this.buffer.length < REPLAY_BUFFER_MAX) this.buffer.push(event);
      else this.bufferOverflowed = true;
    }
  }

  deliverEphemeral(frame: WireFrame): void {
    if (this.state === 'live') this.sendWire(frame);
  }

  revoke(): void {
    this.close(CLOSE_CODES.unauthorized, 'session revoked');
  }

  /** Counts a rate-limit strike; a socket that keeps going after warnings is closed (4008). */
  strike(retryAfterMs: number): boolean {
    this.rateStrikes++;
    if (this.rateStrikes > 20) {
      this.close(CLOSE_CODES.rateLimited, `rate limited; retry after ${retryAfterMs} ms`);
      return true;
    }
    return false;
  }

  /**
   * Subscribes and replays every event after the cursor token `from` (null = live from now). Live
   * events arriving meanwhile are buffered and flushed after the replay, deduplicated by pos.
   */
  async resume(from: string | null, reqId: string | undefined): Promise<void> {
    try {
      await this.replay(from, reqId);
    } catch (err) {
      // Storage failed mid-replay: the socket cannot promise exactly-once from here, so it closes
      // with "try again later"; the client reconnects and resumes from the cursor it has.
      this.ctx.log.warn({ err, userId: this.userId }, 'resume failed on storage');
      this.close(CLOSE_CODES.tryAgainLater, 'storage unavailable; reconnect and resume');
    }
  }

  private async replay(token: string | null, reqId: string | undefined): Promise<void> {
    if (this.state === 'replaying') {
      this.sendError(reqId, 'conflict', 'A resume is already in progress.');
      return;
    }
    const wasLive = this.state === 'live';
    this.state = 'replaying';
    this.buffer = [];
    this.bufferOverflowed = false;
    if (!wasLive) await this.ctx.router.attach(this);
    const head = this.ctx.bus.deliveredPos();
    const from = token === null ? null : this.ctx.deps.cursors.decode(token);
    if (token !== null && from === null) return this.failResume('invalid_cursor');
    if (from !== null && from > head && from > (await this.ctx.deps.store.read.events.headPos())) return this.failResume('cursor_from_future');
    let cursor = from ?? head;
    let replayed = 0;
    // "Live from now": every event after `head` reaches us through the router (we attached
    // before reading it), so there is nothing to read from storage.
    if (from !== null) {
      // Too far behind: say so before replaying anything, so the client re-syncs over HTTP at
      // once instead of processing a page it will have to reload anyway.
      const backlog = await this.measureBacklog(from);
      if (backlog.tooFarBehind) return this.failResume('too_far_behind');
      const done = await this.replayPages(from, backlog.firstPage);
      if (!done) return;
      ({ cursor, replayed } = done);
    }
    if (this.state !== 'replaying') return;
    this.state = 'live';
    this.cursor = cursor;
    const buffered = this.buffer;
    this.buffer = [];
    for (const e of buffered) this.deliver(e, eventFrame(e, this.ctx.deps.cursors));
    this.send({ type: 'ready', cursor: this.readyToken(from ?? head, token), replayed });
  }

  /**
   * What `ready` says the device has: the token of the last event it was sent, or — when nothing
   * was sent — its own token back, or a fresh head token. Never a token that would let it compare
   * two heads.
   */
  private readyToken(start: number, token: string | null): string {
    if (this.cursor !== start) return this.ctx.deps.cursors.forEvent(this.cursor);
    return token ?? this.ctx.deps.cursors.forHead(this.cursor);
  }

  /** Sends the stored events after `from`, page by page; null if the replay ended otherwise. */
  private async replayPages(from: number, firstPage: EventRow[]): Promise<{ cursor: number; replayed: number } | null> {
    let cursor = from;
    let replayed = 0;
    let page: EventRow[] | undefined = firstPage;
    for (;;) {
      if (this.state !== 'replaying') return null; // closed meanwhile
      page ??= await this.ctx.deps.store.read.events.streamAfter(this.userId, cursor, REPLAY_PAGE);
      for (const e of page) {
        this.sendWire(eventFrame(e, this.ctx.deps.cursors));
        cursor = e.pos;
      }
      replayed += page.length;
      // Only events committed while we replay can get here; past twice the window the client is
      // better served by a re-sync than by a replay that keeps growing.
      if (replayed > 2 * this.ctx.config.resumeMaxEvents) {
        this.failResume('too_far_behind');
        return null;
      }
      if (page.length < REPLAY_PAGE && !this.bufferOverflowed) return { cursor, replayed };
      if (this.bufferOverflowed) {
        // Too much arrived live while replaying: drop the buffer and keep reading from storage.
        this.buffer = [];
        this.bufferOverflowed = false;
      }
      page = undefined;
      await this.waitForDrain();
    }
  }

  /**
   * Counts the user's events after `from`, one page at a time without keeping them, up to the
   * resume window. The first page is returned so the common short replay reads storage once.
   */
  private async measureBacklog(from: number): Promise<{ tooFarBehind: boolean; firstPage: EventRow[] }> {
    const max = this.ctx.config.resumeMaxEvents;
    const firstPage = await this.ctx.deps.store.read.events.streamAfter(this.userId, from, REPLAY_PAGE);
    let counted = firstPage.length;
    let page = firstPage;
    while (counted <= max && page.length === REPLAY_PAGE && this.state === 'replaying') {
      page = await this.ctx.deps.store.read.events.streamAfter(this.userId, page.at(-1)!.pos, REPLAY_PAGE);
      counted += page.length;
    }
    return { tooFarBehind: counted > max, firstPage };
  }

  private failResume(reason: ResumeFailedReason): void {
    if (this.state !== 'replaying') return;
    this.state = 'live';
    this.buffer = [];
    this.cursor = this.ctx.bus.deliveredPos();
    this.send({ type: 'resume_failed', reason, cursor: this.ctx.deps.cursors.forHead(this.cursor) });
  }

  private async waitForDrain(): Promise<void> {
    if (this.ws.bufferedAmount < this.ctx.config.maxQueuedBytes / 2) return;
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (this.state === 'closed' || this.ws.bufferedAmount < this.ctx.config.maxQueuedBytes / 4) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
  }
}
