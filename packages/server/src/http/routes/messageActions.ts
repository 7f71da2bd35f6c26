/** What people do with a sent message (docs/subsystems/messages.md): edit, unsend, react, delete for me, keep for reporting. */
import type { FastifyInstance } from 'fastify';
import type { ErrorCode } from '@backchannel/protocol';
import { EditMessageBody, KeepResponse, MessageParams, MessageResponse, Ok, ReactBody, ReactionsResponse } from '@backchannel/protocol/schemas';
import { DomainError } from '../../domain/errors.js';
import { editMessage } from '../../domain/messages/editMessage.js';
import { messageLimits } from '../../domain/messages/limits.js';
import { hideMessage, keepMessage } from '../../domain/messages/personalMarks.js';
import { reactToMessage } from '../../domain/messages/reactToMessage.js';
import { unsendMessage } from '../../domain/messages/unsendMessage.js';
import { RateLimiter } from '../../lib/rateLimiter.js';
import type { RouteContext } from './context.js';

type P = { Params: MessageParams };
const tags = ['messages'];
const path = '/v1/conversations/:id/messages/:messageId';

export function messageActionRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  const reactions = new RateLimiter(deps.clock, messageLimits(deps.limits).reactionsPerMinute);
  const schema = (operationId: string, summary: string, response: object, errors: ErrorCode[], body?: object) => ({
    schema: { tags, operationId, summary, params: MessageParams, ...(body ? { body } : {}), response: { 200: response }, errors },
    preHandler: auth,
  });

  app.patch<P & { Body: EditMessageBody }>(path, schema('editMessage', 'Edit your message within the edit window (the same text again changes nothing)', MessageResponse, ['not_found', 'forbidden', 'conflict', 'too_late', 'empty_message', 'invalid_text', 'rate_limited'], EditMessageBody), async (req) => {
    writeLimit(req.actor.user.id);
    return { message: await editMessage(deps, req.actor.user, req.params.id, req.params.messageId, req.body.text) };
  });
  app.post<P>(`${path}/unsend`, schema('unsendMessage', 'Unsend for everyone: yours within the unsend window, any as the group moderator (idempotent)', MessageResponse, ['not_found', 'forbidden', 'too_late', 'rate_limited']), async (req) => {
    writeLimit(req.actor.user.id);
    return { message: await unsendMessage(deps, req.actor.user, req.params.id, req.params.messageId) };
  });
  app.post<P & { Body: ReactBody }>(`${path}/reactions`, schema('react', 'Set or take back one emoji reaction (idempotent)', ReactionsResponse, ['not_found', 'forbidden', 'conflict', 'rate_limited'], ReactBody), async (req) => {
    const v = reactions.take(req.actor.user.id);
    if (!v.ok) throw new DomainError('rate_limited', 'Slow down.', { retryAfterMs: v.retryAfterMs });
    return { reactions: await reactToMessage(deps, req.actor.user, req.params.id, req.params.messageId, req.body) };
  });
  app.post<P>(`${path}/hide`, schema('hideMessage', 'Delete for me: hide the message on all of your devices (idempotent)', Ok, ['not_found', 'rate_limited']), async (req) => {
    writeLimit(req.actor.user.id);
    await hideMessage(deps, req.actor.user, req.params.id, req.params.messageId);
    return { ok: true as const };
  });
  app.post<P>(`${path}/keep`, schema('keepMessage', 'Keep for reporting: a copy an unsend does not erase, for operators handling your report', KeepResponse, ['not_found', 'forbidden', 'self_action', 'conflict', 'rate_limited']), async (req) => {
    writeLimit(req.actor.user.id);
    return keepMessage(deps, req.actor.user, req.params.id, req.params.messageId);
  });
}
