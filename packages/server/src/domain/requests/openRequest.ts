/**
 * Records a new request from `sender` to `recipientId` inside the caller's transaction, after the
 * anti-abuse checks (docs/subsystems/message-requests.md, "Anti-abuse"):
 * - one open request per sender per recipient, whatever the conversation, where "open" is what the
 *   sender sees: pending, deleted, blocked or reported until it expires (senderRule.ts);
 * - a burst cap per minute (`rate_limited`) and a daily budget (`request_budget`), both counted in
 *   storage so they hold across nodes and restarts; lower for new accounts, and lower again for a
 *   sender whose recent requests were mostly deleted, blocked or reported.
 */
import type { RequestRow } from '../../storage/store.js';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { DAY, requestLimits } from './limits.js';
import { expirePending } from './resolveRequest.js';
import { openToSender } from './senderRule.js';

type D = Pick<Deps, 'clock' | 'limits' | 'ids'>;

/** Refused-to-answered ratios over the last 30 days that cut the budget (at least 5 answers). */
export function budgetFor(deps: D, sender: UserRow, now: number, outcomes: { answered: number; refused: number }): number {
  const l = requestLimits(deps.limits);
  let budget = now - sender.createdAt < l.newAccountMs ? l.dailyBudgetNewAccount : l.dailyBudget;
  if (outcomes.answered >= 5) {
    if (outcomes.refused * 4 >= outcomes.answered * 3) budget = Math.floor(budget / 4);
    else if (outcomes.refused * 2 >= outcomes.answered) budget = Math.floor(budget / 2);
  }
  return Math.max(1, budget);
}

export interface OpenRequestOptions {
  /** Messages already counted against the cap (a deleted request coming back). */
  carriedMessages?: number;
  /** 'blocked' when the recipient had blocked the sender: the same checks and caps, and it never reaches them. */
  state?: 'pending' | 'blocked';
}

export async function openRequest(deps: D, tx: Tx, sender: UserRow, recipientId: string, conversationId: string, opts: OpenRequestOptions = {}): Promise<RequestRow> {
  const l = requestLimits(deps.limits);
  const now = deps.clock.now();
  // One open request per person, as the sender sees it: pending, deleted, blocked or reported alike.
  for (const r of await tx.requests.between(sender.id, recipientId)) {
    if (r.conversationId === conversationId) continue;
    if (openToSender(r, sender.id, now)) throw new DomainError('request_pending', 'You already have a pending request to this person.', { conversationId: r.conversationId });
    // Expired but not swept yet: it ends now, so the new one is the only pending request of the pair.
    if (r.state === 'pending') await expirePending(deps, tx, r);
  }
  const lastMinute = await tx.requests.timesFrom(sender.id, now - 60_000, l.perMinute);
  if (lastMinute.length >= l.perMinute) {
    throw new DomainError('rate_limited', 'You are starting conversations too fast.', { retryAfterMs: Math.max(1, lastMinute[0]! + 60_000 - now) });
  }
  const budget = budgetFor(deps, sender, now, await tx.requests.outcomesFrom(sender.id, now - 30 * DAY));
  const lastDay = await tx.requests.timesFrom(sender.id, now - DAY, budget);
  if (lastDay.length >= budget) {
    throw new DomainError('request_budget', 'You have sent too many requests today.', { retryAfterMs: Math.max(1, lastDay[0]! + DAY - now), budget });
  }
  const state = opts.state ?? 'pending';
  const row: RequestRow = { conversationId, recipientId, senderId: sender.id, state, createdAt: now, resolvedAt: state === 'pending' ? null : now, messagesSent: opts.carriedMessages ?? 0, expiresAt: now + l.expiryMs };
  await tx.requests.put(row);
  return row;
}
