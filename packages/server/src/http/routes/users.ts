import type { FastifyInstance } from 'fastify';
import { IdParams, MeResponse, PageQuery, ProfileResponse, SearchUsersQuery, SyncHead, UpdateMeBody, UserList, UsernameParams } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { listBlocked, listFollowers, listFollowing, setBlock, setFollow } from '../../domain/users/graph.js';
import { getProfile, getProfileByUsername, searchUsers, updateMe } from '../../domain/users/profiles.js';
import { presentMe } from '../../domain/present.js';
import type { RouteContext } from './context.js';

type Id = { Params: Static<typeof IdParams> };
type Page = { Querystring: Static<typeof PageQuery> };

export function userRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  const tags = ['users'];
  const profile = { schema: { tags, params: IdParams, response: { 200: ProfileResponse } }, preHandler: auth };
  app.get('/v1/me', { schema: { tags, response: { 200: MeResponse } }, preHandler: auth }, async (req) => ({ user: presentMe(req.actor.user) }));
  app.patch<{ Body: UpdateMeBody }>('/v1/me', { schema: { tags, body: UpdateMeBody, response: { 200: MeResponse } }, preHandler: auth }, async (req) => {
    writeLimit(req.actor.user.id);
    return { user: await updateMe(deps, req.actor.user, req.body) };
  });
  app.get('/v1/sync', { schema: { tags: ['sync'], summary: 'The current stream cursor: resume the socket from it after an HTTP re-sync', response: { 200: SyncHead } }, preHandler: auth }, async () => ({
    cursor: deps.cursors.forHead(await deps.store.read.events.headPos()),
  }));
  app.get<{ Querystring: Static<typeof SearchUsersQuery> }>('/v1/users', { schema: { tags, querystring: SearchUsersQuery, response: { 200: UserList } }, preHandler: auth }, async (req) => ({
    users: await searchUsers(deps, req.query.q, req.query.limit),
  }));
  app.get<{ Params: Static<typeof UsernameParams> }>('/v1/users/by-username/:username', { schema: { tags, params: UsernameParams, response: { 200: ProfileResponse } }, preHandler: auth }, async (req) => ({
    profile: await getProfileByUsername(deps, req.actor.user, req.params.username),
  }));
  app.get<Id>('/v1/users/:id', profile, async (req) => ({ profile: await getProfile(deps, req.actor.user, req.params.id) }));
  for (const [method, on] of [['put', true], ['delete', false]] as const) {
    app[method]<Id>('/v1/users/:id/follow', profile, async (req) => {
      writeLimit(req.actor.user.id);
      return { profile: await setFollow(deps, req.actor.user, req.params.id, on) };
    });
    app[method]<Id>('/v1/users/:id/block', profile, async (req) => {
      writeLimit(req.actor.user.id);
      return { profile: await setBlock(deps, req.actor.user, req.params.id, on) };
    });
  }
  const list = { schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: UserList } }, preHandler: auth };
  app.get<Id & Page>('/v1/users/:id/followers', list, async (req) => ({ users: await listFollowers(deps, req.params.id, req.query.limit) }));
  app.get<Id & Page>('/v1/users/:id/following', list, async (req) => ({ users: await listFollowing(deps, req.params.id, req.query.limit) }));
  app.get('/v1/me/blocks', { schema: { tags, response: { 200: UserList } }, preHandler: auth }, async (req) => ({ users: await listBlocked(deps, req.actor.user) }));
}
