/** The requests inbox (docs/subsystems/message-requests.md). `:id` is the conversation id. */
import type { FastifyInstance } from 'fastify';
import { BulkDeleteRequestsBody, BulkDeleteResponse, ConversationResponse, IdParams, Ok, ReportReceiptResponse, ReportRequestBody, RequestList, RequestListQuery } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '@backchannel/protocol';
import { DomainError } from '../../domain/errors.js';
import { acceptRequest } from '../../domain/requests/acceptRequest.js';
import { blockRequest, reportRequest } from '../../domain/requests/blockRequest.js';
import { deleteRequest, deleteRequests } from '../../domain/requests/deleteRequest.js';
import { requestLimits } from '../../domain/requests/limits.js';
import { listRequests } from '../../domain/requests/listRequests.js';
import { RateLimiter } from '../../lib/rateLimiter.js';
import type { RouteContext } from './context.js';

type Id = { Params: Static<typeof IdParams> };
const tags = ['requests'];

/** Every write here also takes from a per-user safety bucket (429 + retry-after). */
export function safetyLimit(ctx: RouteContext): (userId: string) => void {
  const limiter = new RateLimiter(ctx.deps.clock, requestLimits(ctx.deps.limits).actionsPerMinute);
  return (userId) => {
    ctx.writeLimit(userId);
    const v = limiter.take(userId);
    if (!v.ok) throw new DomainError('rate_limited', 'Slow down.', { retryAfterMs: v.retryAfterMs });
  };
}

export function requestRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  const limit = safetyLimit(ctx);
  const post = (path: string, operationId: string, summary: string, response: object, errors: readonly ErrorCode[], body?: object) => ({
    schema: { tags, operationId, summary, errors, params: IdParams, response: { 200: response }, ...(body ? { body } : {}) },
    preHandler: auth,
    path,
  });

  app.get<{ Querystring: RequestListQuery }>('/v1/requests', { schema: { tags, operationId: 'listRequests', summary: 'Your requests inbox: pending first messages, with what we know about each sender', querystring: RequestListQuery, response: { 200: RequestList }, errors: [] }, preHandler: auth }, async (req) =>
    listRequests(deps, req.actor.user, req.query.limit),
  );
  app.post<{ Body: Static<typeof BulkDeleteRequestsBody> }>(
    '/v1/requests/delete-all',
    {
      schema: { tags, operationId: 'deleteAllRequests', summary: 'Delete all requests (or those from accounts younger than N days), silently', body: BulkDeleteRequestsBody, response: { 200: BulkDeleteResponse }, errors: ['rate_limited'] },
      preHandler: auth,
    },
    async (req) => {
      limit(req.actor.user.id);
      return { deleted: await deleteRequests(deps, req.actor.user, req.body ?? {}) };
    },
  );
  const accept = post('/v1/requests/:id/accept', 'acceptRequest', 'Accept a request: the conversation moves to your inbox and the sender is told', ConversationResponse, ['not_found', 'rate_limited']);
  app.post<Id>(accept.path, accept, async (req) => {
    limit(req.actor.user.id);
    return { conversation: await acceptRequest(deps, req.actor.user, req.params.id) };
  });
  const del = post('/v1/requests/:id/delete', 'deleteRequest', 'Delete a request silently (the sender is not told)', Ok, ['not_found', 'rate_limited']);
  app.post<Id>(del.path, del, async (req) => {
    limit(req.actor.user.id);
    await deleteRequest(deps, req.actor.user, req.params.id);
    return { ok: true as const };
  });
  const block = post('/v1/requests/:id/block', 'blockRequest', 'Delete a request and block its sender, silently', Ok, ['not_found', 'rate_limited']);
  app.post<Id>(block.path, block, async (req) => {
    limit(req.actor.user.id);
    await blockRequest(deps, req.actor.user, req.params.id);
    return { ok: true as const };
  });
  const report = post('/v1/requests/:id/report', 'reportRequest', 'Report a request\'s sender, delete the request and block them', ReportReceiptResponse, ['not_found', 'rate_limited'], ReportRequestBody);
  app.post<Id & { Body: Static<typeof ReportRequestBody> }>(report.path, report, async (req) => {
    limit(req.actor.user.id);
    return { report: await reportRequest(deps, req.actor.user, req.params.id, req.body) };
  });
}
