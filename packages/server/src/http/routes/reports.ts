/** Reports by users, and the operators' moderation queue (docs/subsystems/message-requests.md). */
import type { FastifyInstance } from 'fastify';
import { AuditList, AuditListQuery, CreateReportBody, IdParams, ModerationActionBody, Ok, ReportList, ReportListQuery, ReportReceiptResponse, ReportResponse } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { dismissReport } from '../../domain/moderation/dismissReport.js';
import { getReport, listAudit, listReports } from '../../domain/moderation/queue.js';
import { removeMessage } from '../../domain/moderation/removeMessage.js';
import { suspendUser } from '../../domain/moderation/suspendUser.js';
import { createReport } from '../../domain/reports/createReport.js';
import { withdrawReport } from '../../domain/reports/withdrawReport.js';
import type { RouteContext } from './context.js';
import { safetyLimit } from './requests.js';

type Id = { Params: Static<typeof IdParams> };
type Action = Id & { Body: Static<typeof ModerationActionBody> };

export function reportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  const limit = safetyLimit(ctx);
  app.post<{ Body: CreateReportBody }>(
    '/v1/reports',
    { schema: { tags: ['reports'], summary: 'Report a message, a conversation or a user (idempotent per reporter and target)', body: CreateReportBody, response: { 200: ReportReceiptResponse, 201: ReportReceiptResponse } }, preHandler: auth },
    async (req, reply) => {
      limit(req.actor.user.id);
      const { report, created } = await createReport(deps, req.actor.user, req.body);
      return reply.code(created ? 201 : 200).send({ report });
    },
  );
  app.delete<Id>(
    '/v1/reports/:id',
    { schema: { tags: ['reports'], summary: 'Withdraw my report while it is open and within the undo window (see `withdrawableUntil`); audited', params: IdParams, response: { 200: Ok } }, preHandler: auth },
    async (req) => {
      limit(req.actor.user.id);
      await withdrawReport(deps, req.actor.user, req.params.id);
      return { ok: true as const };
    },
  );

  const tags = ['moderation'];
  app.get<{ Querystring: Static<typeof ReportListQuery> }>('/v1/moderation/reports', { schema: { tags, querystring: ReportListQuery, response: { 200: ReportList } }, preHandler: auth }, async (req) => ({
    reports: await listReports(deps, req.actor.user, req.query),
  }));
  app.get<Id>('/v1/moderation/reports/:id', { schema: { tags, params: IdParams, response: { 200: ReportResponse } }, preHandler: auth }, async (req) => ({
    report: await getReport(deps, req.actor.user, req.params.id),
  }));
  const action = (response: object) => ({ schema: { tags, params: IdParams, body: ModerationActionBody, response: { 200: response } }, preHandler: auth });
  app.post<Action>('/v1/moderation/reports/:id/dismiss', action(ReportResponse), async (req) => {
    limit(req.actor.user.id);
    return { report: await dismissReport(deps, req.actor.user, req.params.id, req.body?.note) };
  });
  app.post<Action>('/v1/moderation/messages/:id/remove', action(Ok), async (req) => {
    limit(req.actor.user.id);
    await removeMessage(deps, req.actor.user, req.params.id, req.body ?? {});
    return { ok: true as const };
  });
  app.post<Action>('/v1/moderation/users/:id/suspend', action(Ok), async (req) => {
    limit(req.actor.user.id);
    await suspendUser(deps, req.actor.user, req.params.id, req.body ?? {});
    return { ok: true as const };
  });
  app.get<{ Querystring: { limit?: number } }>(
    '/v1/moderation/audit',
    { schema: { tags, querystring: AuditListQuery, response: { 200: AuditList } }, preHandler: auth },
    async (req) => ({ entries: await listAudit(deps, req.actor.user, req.query.limit) }),
  );
}
