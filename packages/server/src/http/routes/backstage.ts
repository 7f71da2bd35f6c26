/**
 * A room's backstage over HTTP (docs/subsystems/rooms.md, "Backstage"). Reading and writing it
 * are the conversation routes' (`/v1/conversations/{id}/messages`); this finds it from the room.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { BackstageResponse, IdParams } from '@backchannel/protocol/schemas';
import { getBackstage } from '../../domain/rooms/getBackstage.js';
import type { RouteContext } from './context.js';

export function backstageRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  app.get<{ Params: Static<typeof IdParams> }>(
    '/v1/rooms/:id/backstage',
    {
      schema: {
        tags: ['rooms'],
        operationId: 'rooms.backstage',
        summary: "The room's backstage channel (host, moderators, speakers; read-only for those who left the stage)",
        errors: ['not_found'],
        params: IdParams,
        response: { 200: BackstageResponse },
      },
      preHandler: auth,
    },
    async (req) => getBackstage(deps, req.actor.user, req.params.id),
  );
}
