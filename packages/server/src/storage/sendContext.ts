/**
 * `sendContext` composed from the finer port methods. An in-process backend (SQLite) uses it as it
 * is: it has no round trips to save. PostgreSQL answers the same question in one statement
 * (`SEND_CONTEXT` in postgres/sendSql.ts); the conformance suite holds both to the same results.
 */
import type { Repo, SendContext } from './store.js';

type Reads = Pick<Repo, 'messageByClientId' | 'shadowByClientId' | 'conversationById' | 'member' | 'directPairOf' | 'graph' | 'requestOf'>;

export async function composeSendContext(repo: Reads, conversationId: string, senderId: string, clientMessageId: string): Promise<SendContext> {
  const original = await repo.messageByClientId(conversationId, senderId, clientMessageId);
  const shadow = original ? null : await repo.shadowByClientId(conversationId, senderId, clientMessageId);
  const conversation = await repo.conversationById(conversationId);
  const member = await repo.member(conversationId, senderId);
  const pair = conversation ? await repo.directPairOf(conversationId) : null;
  if (!pair || !pair.includes(senderId)) return { original, shadow, conversation, member, direct: null };
  const otherId = pair[0] === senderId ? pair[1] : pair[0];
  return {
    original,
    shadow,
    conversation,
    member,
    direct: {
      otherId,
      blockedByOther: await repo.graph.isBlocked(otherId, senderId),
      blocksOther: await repo.graph.isBlocked(senderId, otherId),
      otherMember: await repo.member(conversationId, otherId),
      requestToOther: await repo.requestOf(conversationId, otherId),
    },
  };
}
