/**
 * The bus port: how committed events reach every node's session router.
 * The bus is a wake-up, never the record (ARCHITECTURE.md rule 5): a node hands its router a
 * gapless, pos-ordered feed of committed events, filling any gap from storage (`tx.events.allAfter`).
 * Ephemeral signals (typing) are best-effort and never stored.
 */
import type { EventRow } from '../storage/store.js';

export type EphemeralSignal =
  | {
      type: 'typing';
      conversationId: string;
      userId: string;
      /** Users who may receive it (decided by the domain at send time). */
      recipients: string[];
    }
  /** Sessions ended (log out, suspension): every node closes their sockets with 4001. */
  | { type: 'sessions.revoked'; userId: string; sessionIds: string[] | 'all' };

export interface BusHandlers {
  /** Committed events in pos order, each exactly once, no gaps. */
  events(events: EventRow[]): void;
  ephemeral(signal: EphemeralSignal): void;
}

export interface Bus {
  /** Called by the relay after COMMIT with that commit's events (pos order). */
  publish(events: EventRow[]): void;
  publishEphemeral(signal: EphemeralSignal): void;
  /** One subscriber per node: the session router. */
  subscribe(handlers: BusHandlers): void;
  /** A session or a sweep that asks "is the feed up to date?" gets the last pos delivered. */
  deliveredPos(): number;
  close(): Promise<void>;
}
