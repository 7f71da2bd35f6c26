import type { FastifyInstance } from 'fastify';
import { LoginBody, Ok, SessionResponse, SignupBody, SocketTicketResponse } from '@backchannel/protocol/schemas';
import { login } from '../../domain/auth/login.js';
import { logout, logoutEverywhere } from '../../domain/auth/logout.js';
import { signup } from '../../domain/auth/signup.js';
import { issueSocketTicket } from '../../domain/auth/socketTicket.js';
import { DomainError } from '../../domain/errors.js';
import type { RouteContext } from './context.js';

const tags = ['auth'];

export function authRoutes(app: FastifyInstance, { deps, auth, authLimiter, writeLimit }: RouteContext): void {
  /** Credential stuffing and spraying: limited per IP and per account name. */
  const limit = (ip: string, username: string) => {
    for (const key of [`ip:${ip}`, `acct:${username.toLowerCase()}`]) {
      const v = authLimiter.take(key);
      if (!v.ok) throw new DomainError('rate_limited', 'Too many attempts; wait a moment.', { retryAfterMs: v.retryAfterMs });
    }
  };
  app.post<{ Body: SignupBody }>('/v1/auth/signup', { schema: { tags, body: SignupBody, response: { 201: SessionResponse } } }, async (req, reply) => {
    limit(req.ip, req.body.username);
    return reply.code(201).send(await signup(deps, req.body));
  });
  app.post<{ Body: LoginBody }>('/v1/auth/login', { schema: { tags, body: LoginBody, response: { 200: SessionResponse } } }, async (req) => {
    limit(req.ip, req.body.username);
    return login(deps, req.body);
  });
  app.post('/v1/auth/logout', { schema: { tags, response: { 200: Ok } }, preHandler: auth }, async (req) => {
    await logout(deps, req.actor);
    return { ok: true as const };
  });
  app.post(
    '/v1/socket/ticket',
    {
      schema: { tags: ['socket'], summary: 'A single-use, 30-second ticket to open /v1/socket?ticket=… (browsers cannot send the Authorization header on a WebSocket)', response: { 200: SocketTicketResponse } },
      preHandler: auth,
    },
    async (req) => {
      writeLimit(req.actor.user.id);
      return issueSocketTicket(deps, req.actor);
    },
  );
  app.post('/v1/auth/logout-all', { schema: { tags, response: { 200: Ok } }, preHandler: auth }, async (req) => {
    await logoutEverywhere(deps, req.actor.user.id);
    return { ok: true as const };
  });
}
