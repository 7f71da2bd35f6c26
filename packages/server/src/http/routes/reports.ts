/** Reports by users, and the operators' moderation queue (docs/subsystems/message-requests.md). */
import type { FastifyInstance } from 'fastify';
import { AuditList, AuditListQuery, CreateReportBody, IdParams, ModerationActionBody, Ok, ReportList, ReportListQuery, ReportReceiptResponse, ReportResponse } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '@backchannel/protocol';
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
    {
      schema: {
        tags: ['reports'],
        operationId: 'report',
        summary: 'Report a message, a conversation or a user (idempotent per reporter and target)',
        body: CreateReportBody,
        response: { 200: ReportReceiptResponse, 201: ReportReceiptResponse },
        errors: ['not_found', 'not_in_room', 'self_action', 'rate_limited'],
      },
      preHandler: auth,
    },
    async (req, reply) => {
      limit(req.actor.user.id);
      const { report, created } = await createReport(deps, req.actor.user, req.body);
      return reply.code(created ? 201 : 200).send({ report });
    },
  );
  app.delete<Id>(
    '/v1/reports/:id',
    {
      schema: {
        tags: ['reports'],
        operationId: 'withdrawReport',
        summary: 'Withdraw your report while it is open and within the undo window',
        description: 'Until `withdrawableUntil` of the receipt, and while no operator has looked at it; audited.',
        params: IdParams,
        response: { 200: Ok },
        errors: ['not_found', 'conflict', 'rate_limited'],
      },
      preHandler: auth,
    },
    async (req) => {
      limit(req.actor.user.id);
      await withdrawReport(deps, req.actor.user, req.params.id);
      return { ok: true as const };
    },
  );

  const tags = ['moderation'];
  app.get<{ Querystring: Static<typeof ReportListQuery> }>('/v1/moderation/reports', { schema: { tags, operationId: 'moderationReports', summary: 'The reports queue (operators), oldest open first', querystring: ReportListQuery, response: { 200: ReportList }, errors: ['forbidden'] }, preHandler: auth }, async (req) => ({
    reports: await listReports(deps, req.actor.user, req.query),
  }));
  app.get<Id>('/v1/moderation/reports/:id', { schema: { tags, operationId: 'moderationReport', summary: 'One report with its evidence (operators)', params: IdParams, response: { 200: ReportResponse }, errors: ['forbidden', 'not_found'] }, preHandler: auth }, async (req) => ({
    report: await getReport(deps, req.actor.user, req.params.id),
  }));
  const action = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[]) => ({
    schema: { tags, operationId, summary, errors: ['forbidden', 'not_found', 'rate_limited', ...errors] as ErrorCode[], params: IdParams, body: ModerationActionBody, response: { 200: response } },
    preHandler: auth,
  });
  app.post<Action>('/v1/moderation/reports/:id/dismiss', action('dismissReport', 'Dismiss a report: nothing to act on (operators; audited)', ReportResponse, []), async (req) => {
    limit(req.actor.user.id);
    return { report: await dismissReport(deps, req.actor.user, req.params.id, req.body?.note) };
  });
  app.post<Action>('/v1/moderation/messages/:id/remove', action('removeMessage', 'Remove a message: everyone sees a tombstone (operators; audited)', Ok, []), async (req) => {
    limit(req.actor.user.id);
    await removeMessage(deps, req.actor.user, req.params.id, req.body ?? {});
    return { ok: true as const };
  });
  app.post<Action>('/v1/moderation/users/:id/suspend', action('suspendUser', 'Suspend an account: its sessions end and it disappears (operators; audited)', Ok, ['self_action']), async (req) => {
    limit(req.actor.user.id);
    await suspendUser(deps, req.actor.user, req.params.id, req.body ?? {});
    return { ok: true as const };
  });
  app.get<{ Querystring: { limit?: number } }>(
    '/v1/moderation/audit',
    { schema: { tags, operationId: 'moderationAudit', summary: 'The moderation audit log, newest first (operators)', querystring: AuditListQuery, response: { 200: AuditList }, errors: ['forbidden'] }, preHandler: auth },
    async (req) => ({ entries: await listAudit(deps, req.actor.user, req.query.limit) }),
  );
}
