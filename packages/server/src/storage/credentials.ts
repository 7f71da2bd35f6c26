/**
 * Storage port of credentials that every node must see: single-use socket tickets
 * (docs/adr/0002-socket-auth-on-upgrade.md) and the server secrets all nodes derive keys from
 * (stream cursors, docs/subsystems/delivery.md). Part of `Repo` (store.ts extends it); every
 * backend implements it and the SQL stays in the backend folders.
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
  /**
   * The secret stored under `name` (inside a write); the first writer's `candidate` becomes it,
   * so every node that asks, at any time, gets the same value.
   */
  serverSecret(name: string, candidate: string, now: number): Promise<string>;
}
