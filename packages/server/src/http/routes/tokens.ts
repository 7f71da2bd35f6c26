/** API tokens (docs/api/tokens.md): created, listed and revoked by a logged-in session only. */
import type { FastifyInstance } from 'fastify';
import { CreatedTokenResponse, CreateTokenBody, IdParams, Ok, TokenList } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { createApiToken, listApiTokens, revokeApiToken } from '../../domain/auth/apiTokens.js';
import type { RouteContext } from './context.js';

const tags = ['auth'];

export function tokenRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  app.post<{ Body: CreateTokenBody }>(
    '/v1/me/tokens',
    {
      schema: {
        tags,
        operationId: 'createApiToken',
        summary: 'Create an API token with scopes (its secret is in this answer only)',
        scope: 'session',
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse },
        errors: ['invalid_text', 'conflict', 'rate_limited'],
      },
      preHandler: auth,
    },
    async (req, reply) => {
      writeLimit(req.actor.user.id);
      return reply.code(201).send(await createApiToken(deps, req.actor, req.body));
    },
  );
  app.get(
    '/v1/me/tokens',
    { schema: { tags, operationId: 'listApiTokens', summary: 'Your API tokens that are neither revoked nor expired, newest first', scope: 'session', response: { 200: TokenList }, errors: [] }, preHandler: auth },
    async (req) => ({ tokens: await listApiTokens(deps, req.actor) }),
  );
  app.delete<{ Params: Static<typeof IdParams> }>(
    '/v1/me/tokens/:id',
    { schema: { tags, operationId: 'revokeApiToken', summary: 'Revoke one of your API tokens: it stops working at once', scope: 'session', params: IdParams, response: { 200: Ok }, errors: ['not_found', 'rate_limited'] }, preHandler: auth },
    async (req) => {
      writeLimit(req.actor.user.id);
      await revokeApiToken(deps, req.actor, req.params.id);
      return { ok: true as const };
    },
  );
}
