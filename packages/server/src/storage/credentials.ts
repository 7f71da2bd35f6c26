/**
 * Storage port of short-lived credentials that every node must see: single-use socket tickets
 * (docs/adr/0002-socket-auth-on-upgrade.md). Part of `Repo` (store.ts extends it); every backend
 * implements it and the SQL stays in the backend folders.
 */
import type { SessionRow } from './store.js';

/** A socket ticket, stored only as the SHA-256 of its secret. */
export interface SocketTicketRow {
  tokenHash: string;
  sessionId: string;
  expiresAt: number;
}

export interface CredentialRepo {
  /** Stores a ticket (inside a write), dropping the tickets that expired by `now`. */
  insertSocketTicket(ticket: SocketTicketRow, now: number): Promise<void>;
  /**
   * Deletes the ticket (inside a write) and returns its session if the ticket had not expired by
   * `now`. Of two writers consuming the same ticket, on any nodes, at most one gets the session.
   */
  consumeSocketTicket(tokenHash: string, now: number): Promise<SessionRow | null>;
}
