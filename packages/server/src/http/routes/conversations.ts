import type { FastifyInstance } from 'fastify';
import {
  AddMembersBody,
  ConversationList,
  ConversationListQuery,
  ConversationResponse,
  CreateDirectBody,
  CreateGroupBody,
  HistoryQuery,
  IdParams,
  MemberListQuery,
  MemberPage,
  MemberParams,
  MessagePage,
  MessageResponse,
  Ok,
  ReadBody,
  RenameBody,
  SendMessageBody,
  SettingsBody,
} from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '@backchannel/protocol';
import { addMembers, createGroup, leaveConversation, removeMember, renameGroup } from '../../domain/conversations/groups.js';
import { getConversation, listConversations } from '../../domain/conversations/listConversations.js';
import { listMembers } from '../../domain/conversations/listMembers.js';
import { markRead, updateSettings } from '../../domain/conversations/memberState.js';
import { openDirect } from '../../domain/conversations/openDirect.js';
import { history } from '../../domain/messages/history.js';
import { sendMessage } from '../../domain/messages/sendMessage.js';
import type { RouteContext } from './context.js';

type Id = { Params: Static<typeof IdParams> };
const tags = ['conversations'];

export function conversationRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  const one = (operationId: string, summary: string, errors: readonly ErrorCode[], extra: Record<string, unknown> = {}) => ({
    schema: { tags, operationId, summary, errors, params: IdParams, response: { 200: ConversationResponse }, ...extra },
    preHandler: auth,
  });

  app.get<{ Querystring: ConversationListQuery }>('/v1/conversations', { schema: { tags, operationId: 'listConversations', summary: 'Your conversations (inbox or requests folder), latest activity first, paged', querystring: ConversationListQuery, response: { 200: ConversationList }, errors: [] }, preHandler: auth }, async (req) =>
    listConversations(deps, req.actor.user, req.query),
  );
  app.post<{ Body: CreateDirectBody }>('/v1/conversations/direct', {
      schema: {
        tags,
        operationId: 'openDirect',
        summary: 'Get or create the 1:1 with a user (201 when created)',
        description: 'A 1:1 with someone who does not follow you lands in their Requests folder: see the requests tag.',
        body: CreateDirectBody,
        response: { 200: ConversationResponse, 201: ConversationResponse },
        errors: ['self_action', 'not_found', 'not_in_room', 'cannot_message', 'request_pending', 'request_budget', 'rate_limited'],
      },
      preHandler: auth,
    }, async (req, reply) => {
    writeLimit(req.actor.user.id);
    const { conversation, created } = await openDirect(deps, req.actor.user, req.body.userId, req.body.roomId !== undefined ? { roomId: req.body.roomId } : {});
    return reply.code(created ? 201 : 200).send({ conversation });
  });
  app.post<{ Body: CreateGroupBody }>('/v1/conversations/group', {
      schema: { tags, operationId: 'createGroup', summary: 'Start a group with people (you are its moderator)', body: CreateGroupBody, response: { 201: ConversationResponse }, errors: ['invalid_text', 'not_found', 'group_full', 'request_pending', 'request_budget', 'rate_limited'] },
      preHandler: auth,
    }, async (req, reply) => {
    writeLimit(req.actor.user.id);
    return reply.code(201).send({ conversation: await createGroup(deps, req.actor.user, req.body) });
  });
  app.get<Id>('/v1/conversations/:id', one('getConversation', 'One conversation you are in', ['not_found']), async (req) => ({ conversation: await getConversation(deps, req.actor.user, req.params.id) }));
  app.patch<Id & { Body: Static<typeof RenameBody> }>('/v1/conversations/:id', one('renameGroup', 'Rename a group (its moderator)', ['invalid_text', 'not_found', 'forbidden', 'rate_limited'], { body: RenameBody }), async (req) => {
    writeLimit(req.actor.user.id);
    return { conversation: await renameGroup(deps, req.actor.user, req.params.id, req.body.title) };
  });
  app.get<Id & { Querystring: Static<typeof MemberListQuery> }>(
    '/v1/conversations/:id/members',
    { schema: { tags, operationId: 'listMembers', summary: 'The people a conversation lists, paged', params: IdParams, querystring: MemberListQuery, response: { 200: MemberPage }, errors: ['not_found'] }, preHandler: auth },
    async (req) => listMembers(deps, req.actor.user, req.params.id, req.query),
  );
  app.post<Id & { Body: Static<typeof AddMembersBody> }>('/v1/conversations/:id/members', one('addMembers', 'Add people to a group (its moderator)', ['not_found', 'forbidden', 'group_full', 'request_pending', 'request_budget', 'rate_limited'], { body: AddMembersBody }), async (req) => {
    writeLimit(req.actor.user.id);
    return { conversation: await addMembers(deps, req.actor.user, req.params.id, req.body.userIds) };
  });
  app.delete<{ Params: Static<typeof MemberParams> }>('/v1/conversations/:id/members/:userId', { schema: { tags, operationId: 'removeMember', summary: 'Remove someone from a group (its moderator)', params: MemberParams, response: { 200: ConversationResponse }, errors: ['self_action', 'not_found', 'forbidden', 'rate_limited'] }, preHandler: auth }, async (req) => {
    writeLimit(req.actor.user.id);
    return { conversation: await removeMember(deps, req.actor.user, req.params.id, req.params.userId) };
  });
  app.post<Id>('/v1/conversations/:id/leave', { schema: { tags, operationId: 'leaveConversation', summary: 'Leave a group, or drop a 1:1 from your list (a live room\'s backstage: leave the stage instead)', params: IdParams, response: { 200: Ok }, errors: ['not_found', 'forbidden', 'rate_limited'] }, preHandler: auth }, async (req) => {
    writeLimit(req.actor.user.id);
    await leaveConversation(deps, req.actor.user, req.params.id);
    return { ok: true as const };
  });
  app.patch<Id & { Body: SettingsBody }>('/v1/conversations/:id/settings', one('updateSettings', 'Your own settings for a conversation: muted, pinned, archived', ['not_found', 'rate_limited'], { body: SettingsBody }), async (req) => {
    writeLimit(req.actor.user.id);
    return { conversation: await updateSettings(deps, req.actor.user, req.params.id, req.body) };
  });
  app.post<Id & { Body: Static<typeof ReadBody> }>('/v1/conversations/:id/read', { schema: { tags, operationId: 'markRead', scope: 'send', summary: 'Move your read position to a message seq (never backwards)', params: IdParams, body: ReadBody, response: { 200: Ok }, errors: ['not_found'] }, preHandler: auth }, async (req) => {
    await markRead(deps, req.actor.user, req.params.id, req.body.seq);
    return { ok: true as const };
  });
  app.get<Id & { Querystring: HistoryQuery }>('/v1/conversations/:id/messages', { schema: { tags: ['messages'], operationId: 'history', summary: 'A conversation\'s messages: the latest, or those before or after a seq', params: IdParams, querystring: HistoryQuery, response: { 200: MessagePage }, errors: ['not_found'] }, preHandler: auth }, async (req) =>
    history(deps, req.actor.user, req.params.id, req.query),
  );
  app.post<Id & { Body: SendMessageBody }>(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['messages'],
        operationId: 'sendMessage',
        scope: 'send',
        summary: 'Send a message (201; a retry with the same clientMessageId answers 200 with the first)',
        params: IdParams,
        body: SendMessageBody,
        response: { 200: MessageResponse, 201: MessageResponse },
        errors: ['empty_message', 'invalid_text', 'not_found', 'cannot_message', 'request_pending', 'request_budget', 'rate_limited', 'forbidden', 'conflict'],
      },
      preHandler: auth,
    },
    async (req, reply) => {
      writeLimit(req.actor.user.id);
      const { message, created } = await sendMessage(deps, req.actor.user, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  );
}
