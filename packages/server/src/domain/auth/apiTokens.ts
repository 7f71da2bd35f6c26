/**
 * API tokens (docs/api/tokens.md, ADR 0023): sessions with a label and scopes, for scripts and
 * integrations. Created, listed and revoked only from a device session (a leaked token cannot mint
 * more, or outlive its revocation by making a new one). Stored like device sessions: only the
 * token's hash. Log out everywhere revokes them too.
 */
import { TOKEN_SCOPES, type ApiToken, type CreatedTokenResponse, type CreateTokenBody, type TokenScope } from '@backchannel/protocol';
import type { SessionRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { cleanName } from '../text.js';
import type { Actor } from './authenticate.js';
import { hashToken } from './tokens.js';

const DAY = 86_400_000;
export const TOKEN_DEFAULT_DAYS = 90;
/** Tokens one person may hold at once. */
export const TOKENS_MAX = 20;

/** What a request needs of its credential: a scope, or a device session (account and token management). */
export type Needs = TokenScope | 'session';

/** Refuses an actor whose credential lacks what the route needs; a device session has everything. */
export function requireScope(actor: Actor, needs: Needs): void {
  const scopes = actor.session.scopes;
  if (!scopes) return;
  if (needs === 'session') throw new DomainError('insufficient_scope', 'API tokens cannot do this; use a logged-in session.', { scope: 'session' });
  if (!scopes.includes(needs)) throw new DomainError('insufficient_scope', `This token lacks the ${needs} scope.`, { scope: needs, scopes });
}

const iso = (ms: number) => new Date(ms).toISOString();
const present = (s: SessionRow): ApiToken => ({ id: s.id, label: s.label ?? '', scopes: s.scopes ?? [...TOKEN_SCOPES], createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) });

export async function createApiToken(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, actor: Actor, body: CreateTokenBody): Promise<CreatedTokenResponse> {
  requireScope(actor, 'session');
  const label = cleanName(body.label, 'label', 64);
  const token = deps.ids.token();
  const now = deps.clock.now();
  const row: SessionRow = {
    id: deps.ids.id(),
    userId: actor.user.id,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: now + (body.expiresInDays ?? TOKEN_DEFAULT_DAYS) * DAY,
    revokedAt: null,
    label,
    scopes: TOKEN_SCOPES.filter((s) => body.scopes.includes(s)),
  };
  await deps.store.write(async (tx) => {
    if ((await tx.sessions.tokensOf(actor.user.id, now)).length >= TOKENS_MAX) throw new DomainError('conflict', `You have ${TOKENS_MAX} API tokens; revoke one first.`, { max: TOKENS_MAX });
    await tx.sessions.insert(row);
  });
  return { token, apiToken: present(row) };
}

export async function listApiTokens(deps: Pick<Deps, 'store' | 'clock'>, actor: Actor): Promise<ApiToken[]> {
  requireScope(actor, 'session');
  return (await deps.store.read.sessions.tokensOf(actor.user.id, deps.clock.now())).map(present);
}

/** Revokes one of my tokens; its sockets (none: tokens do not open sockets) and requests stop at once. */
export async function revokeApiToken(deps: Pick<Deps, 'store' | 'clock'>, actor: Actor, id: string): Promise<void> {
  requireScope(actor, 'session');
  const now = deps.clock.now();
  await deps.store.write(async (tx) => {
    const mine = (await tx.sessions.tokensOf(actor.user.id, now)).some((t) => t.id === id);
    if (!mine) throw notFound('token');
    await tx.sessions.revoke(id, now);
  });
}
