/**
 * What a viewer is told about blocks inside a conversation: a group lists the members (and ghost
 * members) the viewer blocked, so clients can warn with a one-tap leave (PRODUCT.md §1). Nobody is
 * told who blocked them. Read from the viewer's own blocks, not from the member list, so it costs
 * the same in a group of 3 or 1,000.
 */
import type { ConversationRow, Tx } from '../../storage/store.js';

export async function blockedMemberIds(repo: Tx, c: Pick<ConversationRow, 'id' | 'kind'>, viewerId: string): Promise<string[]> {
  if (c.kind !== 'group') return [];
  return repo.members.listedBlockedBy(c.id, viewerId);
}
