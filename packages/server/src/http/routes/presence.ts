/**
 * Rooms as seen from conversations, over HTTP: presence that points at rooms
 * (domain/rooms/roomPresence.ts: a 1:1's other person's room, my own setting) and a room link's
 * live card (domain/rooms/roomCard.ts). Read on demand: a DM header re-reads presence at most every
 * 30 s, a card its room at most every 10 s.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { IdParams, PresenceResponse, PresenceSettings, RoomCardResponse } from '@backchannel/protocol/schemas';
import { getRoomCard } from '../../domain/rooms/roomCard.js';
import { conversationPresence, presenceSettings, setPresenceSettings } from '../../domain/rooms/roomPresence.js';
import type { RouteContext } from './context.js';

export function presenceRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  app.get<{ Params: Static<typeof IdParams> }>(
    '/v1/conversations/:id/presence',
    { schema: { tags: ['conversations'], operationId: 'conversationPresence', summary: 'The room the other person of a 1:1 is in now ("speaking in <room> now"), when they show it and the requests rules allow', errors: ['not_found'], params: IdParams, response: { 200: PresenceResponse } }, preHandler: auth },
    async (req) => conversationPresence(deps, req.actor.user, req.params.id),
  );
  app.get<{ Params: Static<typeof IdParams> }>(
    '/v1/rooms/:id/card',
    { schema: { tags: ['rooms'], operationId: 'rooms.card', summary: "A room link's live card (title, LIVE or ended, counts, speakers); not_found for a room you may not see", errors: ['not_found'], params: IdParams, response: { 200: RoomCardResponse } }, preHandler: auth },
    async (req) => ({ card: await getRoomCard(deps, req.actor.user, req.params.id) }),
  );
  app.get('/v1/me/presence', { schema: { tags: ['users'], operationId: 'presenceSettings', summary: 'My presence setting: whether people I talk with see which room I am in', errors: [], response: { 200: PresenceSettings } }, preHandler: auth }, async (req) =>
    presenceSettings(deps, req.actor.user),
  );
  app.put<{ Body: Static<typeof PresenceSettings> }>(
    '/v1/me/presence',
    { schema: { tags: ['users'], operationId: 'setPresenceSettings', summary: 'Show or hide which room I am in', errors: ['rate_limited'], body: PresenceSettings, response: { 200: PresenceSettings } }, preHandler: auth },
    async (req) => {
      ctx.writeLimit(req.actor.user.id);
      return setPresenceSettings(deps, req.actor.user, req.body.showPresence);
    },
  );
}
