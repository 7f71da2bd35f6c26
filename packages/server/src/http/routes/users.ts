import type { FastifyInstance } from 'fastify';
import { IdParams, MeResponse, PageQuery, ProfileResponse, SearchUsersQuery, SyncHead, UpdateMeBody, UserList, UsernameParams } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { listBlocked, listFollowers, listFollowing, setBlock, setFollow } from '../../domain/users/graph.js';
import { getProfile, getProfileByUsername, searchUsers, updateMe } from '../../domain/users/profiles.js';
import { presentMe } from '../../domain/present.js';
import type { RouteContext } from './context.js';

type Id = { Params: Static<typeof IdParams> };
type Page = { Querystring: Static<typeof PageQuery> };
type Username = { Params: Static<typeof UsernameParams> };

/** The old by-username path answers for one more release; the document lists only its successor. */
const DEPRECATED_BY_USERNAME = '/v1/users/by-username/:username';

export function userRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  const tags = ['users'];
  const profile = (operationId: string, summary: string, errors: Array<'not_found' | 'self_action' | 'rate_limited'>) => ({
    schema: { tags, operationId, summary, params: IdParams, response: { 200: ProfileResponse }, errors },
    preHandler: auth,
  });
  app.get('/v1/me', { schema: { tags, operationId: 'me', summary: 'Your own account: profile, settings and who may message you', response: { 200: MeResponse }, errors: [] }, preHandler: auth }, async (req) => ({
    user: presentMe(req.actor.user),
  }));
  app.patch<{ Body: UpdateMeBody }>(
    '/v1/me',
    { schema: { tags, operationId: 'updateMe', summary: 'Change your display name, bio or who may message you', body: UpdateMeBody, response: { 200: MeResponse }, errors: ['invalid_text', 'rate_limited'] }, preHandler: auth },
    async (req) => {
      writeLimit(req.actor.user.id);
      return { user: await updateMe(deps, req.actor.user, req.body) };
    },
  );
  app.get(
    '/v1/sync',
    {
      schema: { tags: ['sync'], operationId: 'syncHead', summary: 'The current stream cursor: resume the socket from it after an HTTP re-sync', response: { 200: SyncHead }, errors: [] },
      preHandler: auth,
    },
    async () => ({ cursor: deps.cursors.forHead(await deps.store.read.events.headPos()) }),
  );
  app.get<{ Querystring: Static<typeof SearchUsersQuery> }>(
    '/v1/users',
    { schema: { tags, operationId: 'searchUsers', summary: 'Search people by username or display name', querystring: SearchUsersQuery, response: { 200: UserList }, errors: [] }, preHandler: auth },
    async (req) => ({ users: await searchUsers(deps, req.query.q, req.query.limit) }),
  );
  const byUsername = async (req: { actor: { user: Parameters<typeof getProfileByUsername>[1] }; params: Static<typeof UsernameParams> }) => ({
    profile: await getProfileByUsername(deps, req.actor.user, req.params.username),
  });
  app.get<Username>(
    '/v1/usernames/:username',
    { schema: { tags, operationId: 'profileByUsername', summary: 'A profile by username (case-insensitive)', params: UsernameParams, response: { 200: ProfileResponse }, errors: ['not_found'] }, preHandler: auth },
    byUsername,
  );
  app.get<Username>(DEPRECATED_BY_USERNAME, { schema: { hide: true, params: UsernameParams, response: { 200: ProfileResponse } }, preHandler: auth }, async (req, reply) => {
    // RFC 9745 (Deprecation) and RFC 8288 (Link): clients are told where the route went.
    reply.header('deprecation', 'true').header('link', `</v1/usernames/${encodeURIComponent(req.params.username)}>; rel="successor-version"`);
    return byUsername(req);
  });
  app.get<Id>('/v1/users/:id', profile('profile', 'A person\'s profile, with whether you follow, block and may message each other', ['not_found']), async (req) => ({
    profile: await getProfile(deps, req.actor.user, req.params.id),
  }));
  for (const [method, on] of [['put', true], ['delete', false]] as const) {
    const follow = on ? profile('follow', 'Follow someone (idempotent)', ['not_found', 'self_action', 'rate_limited']) : profile('unfollow', 'Stop following someone (idempotent)', ['not_found', 'self_action', 'rate_limited']);
    app[method]<Id>('/v1/users/:id/follow', follow, async (req) => {
      writeLimit(req.actor.user.id);
      return { profile: await setFollow(deps, req.actor.user, req.params.id, on) };
    });
    const block = on
      ? profile('block', 'Block someone: they can no longer message you, and their pending request closes', ['not_found', 'self_action', 'rate_limited'])
      : profile('unblock', 'Unblock someone (idempotent)', ['not_found', 'self_action', 'rate_limited']);
    app[method]<Id>('/v1/users/:id/block', block, async (req) => {
      writeLimit(req.actor.user.id);
      return { profile: await setBlock(deps, req.actor.user, req.params.id, on) };
    });
  }
  const list = (operationId: string, summary: string) => ({ schema: { tags, operationId, summary, params: IdParams, querystring: PageQuery, response: { 200: UserList }, errors: ['not_found' as const] }, preHandler: auth });
  app.get<Id & Page>('/v1/users/:id/followers', list('followers', 'The people who follow someone'), async (req) => ({ users: await listFollowers(deps, req.params.id, req.query.limit) }));
  app.get<Id & Page>('/v1/users/:id/following', list('following', 'The people someone follows'), async (req) => ({ users: await listFollowing(deps, req.params.id, req.query.limit) }));
  app.get('/v1/me/blocks', { schema: { tags, operationId: 'blocks', summary: 'The people you blocked', response: { 200: UserList }, errors: [] }, preHandler: auth }, async (req) => ({
    users: await listBlocked(deps, req.actor.user),
  }));
}
