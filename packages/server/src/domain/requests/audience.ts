/**
 * Who may receive signals caused by a member (read receipts, typing): never a pending request's
 * sender (the reader is in `requests`), never someone the member blocked, never someone who blocked
 * the member (docs/subsystems/message-requests.md, "What a pending request reveals").
 */
import type { ConversationRow, MemberRow, Tx } from '../../storage/store.js';

/** 'all' = every other member; otherwise the explicit list (possibly empty = only my devices). */
export async function signalAudience(repo: Tx, c: ConversationRow, me: MemberRow): Promise<'all' | string[]> {
  if (me.folder === 'requests') return [];
  const others = (await repo.members.list(c.id)).filter((m) => m.userId !== me.userId);
  const allowed: string[] = [];
  for (const m of others) {
    // A block in either direction cuts the signal: the blocked person learns nothing, the blocker hears nothing.
    const cut = (await repo.graph.isBlocked(me.userId, m.userId)) || (await repo.graph.isBlocked(m.userId, me.userId));
    if (!cut) allowed.push(m.userId);
  }
  return allowed.length === others.length ? 'all' : allowed;
}
