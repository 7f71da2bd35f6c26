/**
 * Storage port of single-use socket tickets, which every node must see
 * (docs/adr/0002-socket-auth-on-upgrade.md).
 */
import type { SessionRow, SocketTicketRow } from '../rows/sessions.js';

export interface SocketTicketsRepo {
  /** Stores a ticket (inside a write), dropping the tickets that expired by `now`. */
  insert(ticket: SocketTicketRow, now: number): Promise<void>;
  /**
   * Deletes the ticket (inside a write) and returns its session if the ticket had not expired by
   * `now`. Of two writers consuming the same ticket, on any nodes, at most one gets the session.
   */
  consume(tokenHash: string, now: number): Promise<SessionRow | null>;
}
