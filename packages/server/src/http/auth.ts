import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenScope } from '@backchannel/protocol';
import { requireScope, type Needs } from '../domain/auth/apiTokens.js';
import { authenticate, type Actor } from '../domain/auth/authenticate.js';
import type { Deps } from '../domain/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifySchema {
    /**
     * What an API token needs to call this route (docs/api/tokens.md): a scope, or `session` (only a
     * logged-in session may: tokens, the account, the socket ticket). Default: `read` for GET, else `manage`.
     */
    scope?: TokenScope | 'session';
  }
}

export function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** The credential a route needs: its declared `scope`, else `read` for GET and `manage` for writes. */
export function routeNeeds(method: string, schema: { scope?: Needs } | undefined): Needs {
  return schema?.scope ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'manage');
}

/** preHandler for routes that need a logged-in user (or an API token with the route's scope). */
export function requireActor(deps: Pick<Deps, 'store' | 'clock'>) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.actor = await authenticate(deps, bearerToken(req));
    requireScope(req.actor, routeNeeds(req.method, req.routeOptions.schema as { scope?: Needs } | undefined));
  };
}
