/**
 * The account's own data and its end: "download my data", self-service deletion, and deletion by an
 * operator (docs/subsystems/accounts.md).
 */
import type { FastifyInstance } from 'fastify';
import { DeleteAccountBody, IdParams, ModerationActionBody, Ok, ResetPasswordBody } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { deleteAccountAsOperator, deleteMyAccount } from '../../domain/account/deleteAccount.js';
import { exportUserData } from '../../domain/account/exportData.js';
import { resetPassword } from '../../domain/account/passwordReset.js';
import { DomainError } from '../../domain/errors.js';
import { zipJsonFiles } from '../../lib/zipExport.js';
import { RateLimiter } from '../../lib/rateLimiter.js';
import type { RouteContext } from './context.js';

/** An export reads everything the person can see: a few a minute is plenty. */
const EXPORTS_PER_MINUTE = 3;

export function accountRoutes(app: FastifyInstance, { deps, auth, authLimiter, writeLimit }: RouteContext): void {
  const tags = ['account'];
  const exports = new RateLimiter(deps.clock, EXPORTS_PER_MINUTE);
  app.get(
    '/v1/me/export',
    {
      schema: {
        tags,
        operationId: 'exportData',
        scope: 'session',
        summary: 'Download my data: a zip of JSON files',
        description: 'Profile, sessions, follows, blocks, every conversation I can read with its messages, requests I sent, reports I filed.',
        // A file download (a zip stream), not a JSON call of the SDK.
        sdk: false,
        response: { 200: { description: 'The zip', content: { 'application/zip': { schema: { type: 'string', contentEncoding: 'binary' } } } } },
        errors: ['rate_limited'],
      },
      preHandler: auth,
    },
    async (req, reply) => {
      const v = exports.take(req.actor.user.id);
      if (!v.ok) throw new DomainError('rate_limited', 'Exports take a while; wait a moment.', { retryAfterMs: v.retryAfterMs });
      const me = req.actor.user;
      const date = new Date(deps.clock.now()).toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="backchannel-${me.username}-${date}.zip"`)
        .header('cache-control', 'no-store')
        .send(zipJsonFiles(exportUserData(deps, me), new Date(deps.clock.now()), (err) => req.log.error({ err }, 'export failed midway')));
    },
  );
  app.post<{ Body: DeleteAccountBody }>(
    '/v1/me/delete',
    { schema: { tags, operationId: 'deleteAccount', scope: 'session', summary: 'Delete my account (asks for the password again); every session ends', body: DeleteAccountBody, response: { 200: Ok }, errors: ['invalid_credentials', 'rate_limited'] }, preHandler: auth },
    async (req) => {
      // Password guessing through this route counts against the same limits as logging in.
      for (const key of [`ip:${req.ip}`, `acct:${req.actor.user.username.toLowerCase()}`]) {
        const v = authLimiter.take(key);
        if (!v.ok) throw new DomainError('rate_limited', 'Too many attempts; wait a moment.', { retryAfterMs: v.retryAfterMs });
      }
      await deleteMyAccount(deps, req.actor.user, req.body.password);
      return { ok: true as const };
    },
  );
  app.post<{ Body: ResetPasswordBody }>(
    '/v1/auth/reset-password',
    {
      schema: {
        tags: ['auth'],
        operationId: 'resetPassword',
        summary: 'Set a new password with the one-time token of `admin reset-password`',
        description: 'Every session of the account ends.',
        security: [],
        body: ResetPasswordBody,
        response: { 200: Ok },
        errors: ['not_found', 'rate_limited'],
      },
    },
    async (req) => {
      const v = authLimiter.take(`ip:${req.ip}`);
      if (!v.ok) throw new DomainError('rate_limited', 'Too many attempts; wait a moment.', { retryAfterMs: v.retryAfterMs });
      await resetPassword(deps, req.body.token, req.body.password);
      return { ok: true as const };
    },
  );
  app.post<{ Params: Static<typeof IdParams>; Body: ModerationActionBody }>(
    '/v1/moderation/users/:id/delete',
    {
      schema: { tags: ['moderation'], operationId: 'deleteUser', summary: 'Delete an account (operators): as self-service deletion, audited', params: IdParams, body: ModerationActionBody, response: { 200: Ok }, errors: ['forbidden', 'self_action', 'not_found', 'rate_limited'] },
      preHandler: auth,
    },
    async (req) => {
      writeLimit(req.actor.user.id);
      await deleteAccountAsOperator(deps, req.actor.user, req.params.id, req.body ?? {});
      return { ok: true as const };
    },
  );
}
