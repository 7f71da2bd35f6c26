/**
 * Who a conversation lists as its members. A 1:1 always lists both people (from the pair key),
 * never the live membership; a group lists its members plus its ghost members: people who are not
 * in it but must look as if they were, because they blocked whoever added them or deleted or
 * blocked its request (docs/subsystems/message-requests.md, "One rule for the sender").
 */
import type { ConversationRow, Tx } from '../../storage/store.js';

export async function listedMemberIds(repo: Tx, c: Pick<ConversationRow, 'id' | 'kind'>): Promise<string[]> {
  if (c.kind === 'direct') {
    const pair = await repo.conversations.directPair(c.id);
    if (pair) return pair;
  }
  const [members, ghosts] = await Promise.all([repo.members.list(c.id), c.kind === 'group' ? repo.ghosts.list(c.id) : []]);
  if (ghosts.length === 0) return members.map((m) => m.userId);
  // The order an unanswered member would have: by when they were added, then by id.
  return [...members, ...ghosts]
    .sort((a, b) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .map((m) => m.userId);
}
