import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type Actor } from '../domain/auth/authenticate.js';
import type { Deps } from '../domain/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** preHandler for routes that need a logged-in user. */
export function requireActor(deps: Pick<Deps, 'store' | 'clock'>) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.actor = await authenticate(deps, bearerToken(req));
  };
}
