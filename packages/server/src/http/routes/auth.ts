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
  app.post<{ Body: SignupBody }>('/v1/auth/signup', { schema: { tags, operationId: 'signup', summary: 'Create an account and a session (its token authenticates every other call)', security: [], body: SignupBody, response: { 201: SessionResponse }, errors: ['invalid_text', 'invite_required', 'username_taken', 'rate_limited'] } }, async (req, reply) => {
    limit(req.ip, req.body.username);
    return reply.code(201).send(await signup(deps, req.body));
  });
  app.post<{ Body: LoginBody }>('/v1/auth/login', { schema: { tags, operationId: 'login', summary: 'Log in: a new session for this device', security: [], body: LoginBody, response: { 200: SessionResponse }, errors: ['invalid_credentials', 'account_suspended', 'rate_limited'] } }, async (req) => {
    limit(req.ip, req.body.username);
    return login(deps, req.body);
  });
  app.post('/v1/auth/logout', { schema: { tags, operationId: 'logout', summary: 'End this session (its sockets close with 4001)', response: { 200: Ok }, errors: [] }, preHandler: auth }, async (req) => {
    await logout(deps, req.actor);
    return { ok: true as const };
  });
  app.post(
    '/v1/socket/ticket',
    {
      schema: {
        tags: ['socket'],
        operationId: 'socketTicket',
        // The socket is a logged-in session's (API tokens are for HTTP).
        scope: 'session',
        summary: 'A single-use, 30-second ticket to open /v1/socket?ticket=…',
        description: 'Browsers cannot send the Authorization header on a WebSocket upgrade; they fetch a ticket here and open `/v1/socket?ticket=…` with it.',
        response: { 200: SocketTicketResponse },
        errors: ['rate_limited'],
      },
      preHandler: auth,
    },
    async (req) => {
      writeLimit(req.actor.user.id);
      return issueSocketTicket(deps, req.actor);
    },
  );
  app.post('/v1/auth/logout-all', { schema: { tags, operationId: 'logoutAll', summary: 'End every session and API token of this account, on every device', scope: 'session', response: { 200: Ok }, errors: [] }, preHandler: auth }, async (req) => {
    await logoutEverywhere(deps, req.actor.user.id);
    return { ok: true as const };
  });
}
