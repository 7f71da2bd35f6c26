/**
 * The socket's event names and payload types. Durable event payloads are derived from the protocol's
 * DurableEvent union, so a new event type gets a handler type with no change here.
 */
import { DURABLE_EVENT_TYPES, type DurableEventType, type EventOf, type HallwayUpdatedEvent, type ResumeFailedReason, type RoomCountsEvent, type RoomEvent, type RoomQaVotesEvent, type TypingEvent } from '@backchannel/protocol';
import type { BackchannelError } from './errors.js';
import type { OutboxEntry } from './outbox.js';

/**
 * Compile-time check that DURABLE_EVENT_TYPES lists every member of the union: the protocol's
 * `satisfies` only proves the list has no extra names. The runtime dispatch relies on the list, so
 * an event type missing from it would be silently dropped; this line makes that a compile error.
 */
type Unlisted = Exclude<DurableEventType, (typeof DURABLE_EVENT_TYPES)[number]>;
export const ALL_DURABLE_TYPES_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

const durableTypes: ReadonlySet<string> = new Set(DURABLE_EVENT_TYPES);
export function isDurableEventType(type: string): type is DurableEventType {
  return durableTypes.has(type);
}

export type DurableEventMap = { [K in DurableEventType]: EventOf<K> };

export interface LifecycleEventMap {
  /** The server said hello; the socket is authenticated and about to resume. */
  connected: { userId: string; connectionId: string; heartbeatMs: number };
  /** Caught up: every missed durable event was delivered; live events follow. */
  ready: { cursor: string; replayed: number };
  disconnected: { code: number; reason: string; willReconnect: boolean; retryInMs: number | null };
  /**
   * The cursor fell outside the server's resume window. Reload state over HTTP (conversation list,
   * open histories). The socket waits for returned promises before resuming from `cursor`, which was
   * taken before the reload, so nothing between the two is lost (duplicates merge by message id).
   */
  resync: { cursor: string; reason: ResumeFailedReason };
  /** The session is revoked (close code 4001 or a 401): the socket stopped; sign in again. */
  unauthorized: { code: number; reason: string };
  /** An optimistic send changed state (pending → sent | failed, or failed → pending on retry). */
  outbox: OutboxEntry;
  typing: TypingEvent;
  /** An event (or the coalesced counts) of a room this socket subscribed to with `room.subscribe`; resume a room by its `seq`. */
  room: RoomEvent | RoomCountsEvent | RoomQaVotesEvent;
  /** The hallway's coalesced changes, after `request({op: 'hallway.subscribe'})` (subscribe again after each `ready`). */
  hallway: HallwayUpdatedEvent;
  /** A server error frame that answers no request of ours. */
  error: BackchannelError;
}

export type SocketEventMap = DurableEventMap & LifecycleEventMap;
export type SocketEventName = keyof SocketEventMap;
/** Handlers may be async; only `resync` handlers are awaited (see LifecycleEventMap.resync). */
export type SocketHandler<K extends SocketEventName> = (event: SocketEventMap[K]) => void | Promise<void>;

/** A tiny typed emitter; a throwing handler cannot break delivery to the others or the socket. */
export class Emitter<M extends object> {
  private readonly handlers = new Map<keyof M, Set<(event: never) => unknown>>();

  on<K extends keyof M>(name: K, handler: (event: M[K]) => unknown): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (event: never) => unknown);
    return () => this.off(name, handler);
  }

  off<K extends keyof M>(name: K, handler: (event: M[K]) => unknown): void {
    this.handlers.get(name)?.delete(handler as (event: never) => unknown);
  }

  /** Returns whatever the handlers returned, so a caller may await async ones. */
  emit<K extends keyof M>(name: K, event: M[K]): unknown[] {
    const results: unknown[] = [];
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      try {
        results.push((handler as (event: M[K]) => unknown)(event));
      } catch (err) {
        // Surface the bug (uncaught error in the console / test runner) without unwinding the socket.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    return results;
  }
}
