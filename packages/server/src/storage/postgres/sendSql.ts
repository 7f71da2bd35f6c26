/**
 * The two statements of a send on PostgreSQL (`MessagesRepo.sendContext`, `MessagesRepo.append`). A send used to
 * be ~10 sequential round trips inside the group-commit batch; these make it two. Both are named
 * prepared statements, parsed and planned once per connection (ADR 0003, "Consequences").
 */
import type { DirectSendContext, SendContext } from '../ports/messages.js';
import { toConversation } from '../rows/conversations.js';
import { toMember } from '../rows/members.js';
import { toMessage } from '../rows/messages.js';
import { toRequest } from '../rows/requests.js';
import type { Row } from '../rows/row.js';
import { toShadow } from '../rows/shadows.js';

/** A statement on the send path: prepared once per connection, by name (`types` for SQL PREPARE). */
export interface HotStatement {
  name: string;
  text: string;
  types: readonly string[];
}

/**
 * Every read of a send in one statement: the retry lookup (message, else shadow message), the
 * conversation and the sender's membership, and for a 1:1 whose pair includes the sender, the
 * other person's blocks, membership and request. Rows come back as JSON objects whose keys are the
 * column names, so the usual row mappers read them (BIGINTs become JSON numbers, < 2^53).
 */
export const SEND_CONTEXT: HotStatement = {
  name: 'bc_send_context',
  types: ['text', 'text', 'text'],
  text: `WITH c AS (
    SELECT c.*, CASE WHEN split_part(c.direct_key, ':', 1) = $2 THEN split_part(c.direct_key, ':', 2)
                     WHEN split_part(c.direct_key, ':', 2) = $2 THEN split_part(c.direct_key, ':', 1) END AS other_id
    FROM conversations c WHERE c.id = $1
  ), o AS (
    SELECT row_to_json(m) AS j FROM messages m WHERE m.conversation_id = $1 AND m.sender_id = $2 AND m.client_message_id = $3
  )
  SELECT
    (SELECT j FROM o) AS original,
    (SELECT row_to_json(s) FROM shadow_messages s
       WHERE NOT EXISTS (SELECT 1 FROM o) AND s.conversation_id = $1 AND s.sender_id = $2 AND s.client_message_id = $3) AS shadow,
    (SELECT row_to_json(c) FROM c) AS conversation,
    (SELECT row_to_json(m) FROM members m WHERE m.conversation_id = $1 AND m.user_id = $2) AS member,
    (SELECT other_id FROM c) AS other_id,
    EXISTS (SELECT 1 FROM blocks b JOIN c ON b.blocker_id = c.other_id WHERE b.blocked_id = $2) AS blocked_by_other,
    EXISTS (SELECT 1 FROM blocks b JOIN c ON b.blocked_id = c.other_id WHERE b.blocker_id = $2) AS blocks_other,
    (SELECT row_to_json(m) FROM members m JOIN c ON m.user_id = c.other_id WHERE m.conversation_id = $1) AS other_member,
    (SELECT row_to_json(r) FROM message_requests r JOIN c ON r.recipient_id = c.other_id WHERE r.conversation_id = $1) AS request_to_other`,
};

export function toSendContext(r: Row): SendContext {
  const obj = (k: string) => (r[k] ?? null) as Row | null;
  const otherId = (r.other_id as string | null) ?? null;
  const direct: DirectSendContext | null = otherId === null ? null : {
    otherId,
    blockedByOther: r.blocked_by_other as boolean,
    blocksOther: r.blocks_other as boolean,
    otherMember: obj('other_member') && toMember(obj('other_member')!),
    requestToOther: obj('request_to_other') && toRequest(obj('request_to_other')!),
  };
  return {
    original: obj('original') && toMessage(obj('original')!),
    shadow: obj('shadow') && toShadow(obj('shadow')!),
    conversation: obj('conversation') && toConversation(obj('conversation')!),
    member: obj('member') && toMember(obj('member')!),
    direct,
  };
}

/**
 * nextSeq + insertMessage (+ the sender's readSeq) in one statement. The UPDATE takes the
 * conversation's row lock first, as nextSeq did, so seq order across nodes is unchanged; a
 * client-id clash fails the whole statement, so no seq is consumed. Data-modifying CTEs run to
 * completion whether or not the final SELECT reads them (PostgreSQL docs, "WITH Queries", 7.8.4).
 */
export const APPEND_MESSAGE: HotStatement = {
  name: 'bc_append_message',
  types: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'boolean'],
  text: `WITH s AS (
    UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = $9::bigint WHERE id = $1::text RETURNING last_seq
  ), i AS (
    INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at)
    SELECT $1::text, s.last_seq, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::bigint FROM s RETURNING seq
  ), r AS (
    UPDATE members m SET read_seq = i.seq FROM i WHERE $10::boolean AND m.conversation_id = $1::text AND m.user_id = $3::text
  )
  SELECT seq FROM i`,
};
