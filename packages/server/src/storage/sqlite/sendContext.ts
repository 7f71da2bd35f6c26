/**
 * `sendContext` composed from the finer port methods. An in-process backend (SQLite) uses it as it
 * is: it has no round trips to save. PostgreSQL answers the same question in one statement
 * (`SEND_CONTEXT` in ../postgres/sendSql.ts); the conformance suite holds both to the same results.
 */
import type { Tx, SendContext } from '../store.js';

export type SendContextReads = Pick<Tx, 'messages' | 'shadows' | 'conversations' | 'members' | 'graph' | 'requests'>;

export async function composeSendContext(repo: SendContextReads, conversationId: string, senderId: string, clientMessageId: string): Promise<SendContext> {
  const original = await repo.messages.byClientId(conversationId, senderId, clientMessageId);
  const shadow = original ? null : await repo.shadows.byClientId(conversationId, senderId, clientMessageId);
  const conversation = await repo.conversations.byId(conversationId);
  const member = await repo.members.get(conversationId, senderId);
  const pair = conversation ? await repo.conversations.directPair(conversationId) : null;
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
      otherMember: await repo.members.get(conversationId, otherId),
      requestToOther: await repo.requests.of(conversationId, otherId),
    },
  };
}
