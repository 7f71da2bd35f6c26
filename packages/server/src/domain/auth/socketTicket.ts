/**
 * Socket tickets: a browser cannot set headers on a WebSocket, and a session token in the URL ends
 * up in console errors, proxy and access logs. So it first asks, with its bearer token, for a
 * ticket (`POST /v1/socket/ticket`) and opens `/v1/socket?ticket=…`. A ticket is 256 random bits,
 * stored only hashed, lives 30 s and opens exactly one socket, on any node (the store is shared).
 * See docs/adr/0002-socket-auth-on-upgrade.md.
 */
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { actorOf, type Actor } from './authenticate.js';
import { hashToken } from './tokens.js';

/** Long enough for a slow phone to dial after fetching it, short enough to be worthless in a log. */
export const SOCKET_TICKET_TTL_MS = 30_000;

export async function issueSocketTicket(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, actor: Actor): Promise<{ ticket: string; expiresInMs: number }> {
  const ticket = deps.ids.token();
  const now = deps.clock.now();
  await deps.store.write((tx) => tx.socketTickets.insert({ tokenHash: hashToken(ticket), sessionId: actor.session.id, expiresAt: now + SOCKET_TICKET_TTL_MS }, now));
  return { ticket, expiresInMs: SOCKET_TICKET_TTL_MS };
}

/** Consumes the ticket and returns its session's actor; an unknown, used or expired one is `unauthorized`. */
export async function redeemSocketTicket(deps: Pick<Deps, 'store' | 'clock'>, ticket: string): Promise<Actor> {
  if (ticket.length === 0 || ticket.length > 256) throw new DomainError('unauthorized', 'The socket ticket is not valid.');
  const now = deps.clock.now();
  const session = await deps.store.write((tx) => tx.socketTickets.consume(hashToken(ticket), now));
  if (!session) throw new DomainError('unauthorized', 'The socket ticket is unknown, used or expired; get a new one.');
  return actorOf(deps, session);
}
