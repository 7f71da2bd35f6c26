import type { Conversation, ConversationList, ConversationListQuery } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentConversation } from '../present.js';
import { accessConversation } from '../visibility/access.js';

type D = Pick<Deps, 'store'>;

/** The page token is "<lastActivityAt>.<id>" of the last item: stable under concurrent sends. */
function parseBefore(token: string | undefined): { at: number; id: string } | undefined {
  if (token === undefined) return undefined;
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(token);
  if (!m) throw new DomainError('bad_request', 'Invalid page token.', { field: 'before' });
  return { at: Number(m[1]), id: m[2]! };
}

export async function listConversations(deps: D, me: UserRow, q: ConversationListQuery): Promise<ConversationList> {
  const limit = q.limit ?? 50;
  const r = deps.store.read;
  const beforeActivity = parseBefore(q.before);
  const rows = await r.conversations.listFor(me.id, { folder: q.folder ?? 'inbox', limit: limit + 1, ...(beforeActivity ? { beforeActivity } : {}) });
  const page = rows.slice(0, limit);
  const conversations = await Promise.all(page.map((row) => presentConversation(r, row.conversation, row.member)));
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? `${last.conversation.lastActivityAt}.${last.conversation.id}` : null;
  return { conversations, next };
}

export async function getConversation(deps: D, me: UserRow, conversationId: string): Promise<Conversation> {
  const { conversation, member } = await accessConversation(deps.store.read, me.id, conversationId);
  return presentConversation(deps.store.read, conversation, member);
}
