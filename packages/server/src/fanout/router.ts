/**
 * The session router of one node: takes the bus's gapless, pos-ordered feed of committed events and
 * hands each event to the local connections allowed to see it, serialised and framed once per event
 * (fanout/wireFrame.ts: the same bytes go to every recipient's socket).
 * Membership is checked at event time: the router keeps, per local user, the set of conversations
 * they belong to, loaded when their first connection subscribes and updated by the ordered
 * `conversation.joined` / `conversation.left` events of the same feed.
 */
import type { StreamCursors } from '../domain/auth/streamCursors.js';
import type { Tx, EventRow } from '../storage/store.js';
import type { RoomOutbox } from '../domain/rooms/outbox.js';
import type { QaVotesOutbox } from '../domain/questions/present.js';
import type { Bus, EphemeralSignal } from './bus.js';
import { RoomFanout } from './roomFanout.js';
import { textFrame, type WireFrame } from './wireFrame.js';

/** What the router needs from a connection. */
export interface RoutedConnection {
  readonly userId: string;
  readonly sessionId: string;
  /** Called with the event and its frame, already serialised. */
  deliver(event: EventRow, frame: WireFrame): void;
  deliverEphemeral(frame: WireFrame): void;
  /** The session was revoked or the user suspended. */
  revoke(): void;
}

interface LocalUser {
  connections: Set<RoutedConnection>;
  conversations: Set<string> | null;
  loading: Promise<void> | null;
  /** Membership changes seen while the snapshot loads; applied on top of it, in order. */
  pending: Array<[join: boolean, conversationId: string]>;
}

/** Clients see `pos` as an opaque token, the same for every recipient (docs/subsystems/delivery.md). */
export function eventFrame(e: EventRow, cursors: Pick<StreamCursors, 'forEvent'>): WireFrame {
  return textFrame(`{"type":${JSON.stringify(e.type)},"pos":"${cursors.forEvent(e.pos)}","data":${JSON.stringify(e.payload)}}`);
}

export class SessionRouter {
  private readonly users = new Map<string, LocalUser>();
  /** conversation id → local users who are members. */
  private readonly conversations = new Map<string, Set<string>>();

  /** Room subscriptions of this node's sockets (roomFanout.ts). */
  readonly rooms: RoomFanout;
  /** Also told of every committed room change, in feed order (the live hallway, gateway/hallwayFeed.ts). */
  readonly roomWatchers: Array<(o: RoomOutbox) => void> = [];

  constructor(
    private readonly repo: Tx,
    bus: Bus,
    private readonly cursors: Pick<StreamCursors, 'forEvent'>,
    opts: { roomCountsIntervalMs?: number; roomQaVotesIntervalMs?: number } = {},
  ) {
    this.rooms = new RoomFanout(opts.roomCountsIntervalMs ?? 1000, undefined, opts.roomQaVotesIntervalMs);
    bus.subscribe({ events: (events) => this.route(events), ephemeral: (s) => this.routeEphemeral(s) });
  }

  connectionCount(): number {
    let n = 0;
    for (const u of this.users.values()) n += u.connections.size;
    return n;
  }

  connectionsOf(userId: string): ReadonlySet<RoutedConnection> {
    return this.users.get(userId)?.connections ?? new Set();
  }

  /** Registers a connection and loads its user's memberships (once per user on this node). */
  async attach(conn: RoutedConnection): Promise<void> {
    let u = this.users.get(conn.userId);
    if (!u) {
      u = { connections: new Set(), conversations: null, loading: null, pending: [] };
      this.users.set(conn.userId, u);
    }
    u.connections.add(conn);
    if (u.conversations === null) {
      const user = u;
      user.loading ??= this.repo.members.conversationIdsOf(conn.userId).then(
        (ids) => {
          user.conversations = new Set();
          for (const id of ids) this.index(conn.userId, id, user);
          for (const [join, id] of user.pending) (join ? this.index : this.unindex).call(this, conn.userId, id, user);
          user.pending = [];
        },
        (err: unknown) => {
          // Storage is down: let the next connection try again rather than caching the failure.
          user.loading = null;
          throw err;
        },
      );
      await user.loading;
    }
  }

  detach(conn: RoutedConnection): void {
    const u = this.users.get(conn.userId);
    if (!u) return;
    u.connections.delete(conn);
    if (u.connections.size > 0) return;
    for (const c of u.conversations ?? []) {
      const set = this.conversations.get(c);
      set?.delete(conn.userId);
      if (set && set.size === 0) this.conversations.delete(c);
    }
    this.users.delete(conn.userId);
  }

  private index(userId: string, conversationId: string, u: LocalUser): void {
    u.conversations?.add(conversationId);
    let set = this.conversations.get(conversationId);
    if (!set) this.conversations.set(conversationId, (set = new Set()));
    set.add(userId);
  }

  private unindex(userId: string, conversationId: string, u: LocalUser): void {
    u.conversations?.delete(conversationId);
    const set = this.conversations.get(conversationId);
    set?.delete(userId);
    if (set && set.size === 0) this.conversations.delete(conversationId);
  }

  private route(events: EventRow[]): void {
    for (const e of events) {
      if (e.type === 'room.outbox') {
        this.rooms.route(e.payload as RoomOutbox);
        for (const watch of this.roomWatchers) watch(e.payload as RoomOutbox);
        continue;
      }
      if (e.type === 'room.qa_votes') {
        this.rooms.votes.route(e.payload as QaVotesOutbox);
        continue;
      }
      if (e.userId !== null) {
        const u = this.users.get(e.userId);
        if (!u) continue;
        if (e.conversationId !== null && (e.type === 'conversation.joined' || e.type === 'conversation.left')) {
          const join = e.type === 'conversation.joined';
          if (u.conversations === null) u.pending.push([join, e.conversationId]);
          else if (join) this.index(e.userId, e.conversationId, u);
          else this.unindex(e.userId, e.conversationId, u);
        }
        const frame = eventFrame(e, this.cursors);
        for (const c of u.connections) c.deliver(e, frame);
        continue;
      }
      const members = e.conversationId === null ? undefined : this.conversations.get(e.conversationId);
      if (!members || members.size === 0) continue;
      const frame = eventFrame(e, this.cursors);
      for (const userId of members) {
        for (const c of this.users.get(userId)?.connections ?? []) c.deliver(e, frame);
      }
    }
  }

  private routeEphemeral(s: EphemeralSignal): void {
    if (s.type === 'sessions.revoked') {
      for (const c of [...(this.users.get(s.userId)?.connections ?? [])]) {
        if (s.sessionIds === 'all' || s.sessionIds.includes(c.sessionId)) c.revoke();
      }
      return;
    }
    const frame = textFrame(JSON.stringify({ type: 'typing', data: { conversationId: s.conversationId, userId: s.userId } }));
    for (const userId of s.recipients) {
      // Only users whose router view says they are members now (event-time check).
      if (!this.conversations.get(s.conversationId)?.has(userId)) continue;
      for (const c of this.users.get(userId)?.connections ?? []) c.deliverEphemeral(frame);
    }
  }
}
