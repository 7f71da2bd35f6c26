/**
 * The WebSocket endpoint `/v1/socket`. Authentication and the Origin allow-list are checked before
 * the upgrade (the error table's status, no upgrade); after it the socket only carries ops for its
 * user. Credentials: `Authorization: Bearer` or a single-use `?ticket=`; never a session token in
 * the URL (docs/adr/0002-socket-auth-on-upgrade.md).
 * Heartbeats (RFC 6455 §5.5.2 ping/pong) find dead peers; frames over the size limit are refused
 * by `ws` with 1009, invalid UTF-8 with 1007.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '@backchannel/protocol';
import { authenticate, type Actor } from '../domain/auth/authenticate.js';
import { redeemSocketTicket } from '../domain/auth/socketTicket.js';
import { requireScope } from '../domain/auth/apiTokens.js';
import { DomainError } from '../domain/errors.js';
import { errorHandler, sendError } from '../http/errors.js';
import { Connection } from './connection.js';
import type { GatewayContext } from './context.js';
import { parseFrame } from './frames.js';
import { OP_HANDLERS } from './ops/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    socketActor?: Actor;
  }
}

export interface SocketServerOptions {
  isOriginAllowed(origin: string | undefined, host: string | undefined): boolean;
}

/** Who opens this socket: the bearer header, else the ticket; a token in the URL is refused outright. */
async function authenticateUpgrade(ctx: GatewayContext, req: FastifyRequest): Promise<Actor> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  if (query.token !== undefined) {
    // Already leaked into logs on its way here; refusing it makes the client fix its URL.
    throw new DomainError('unauthorized', 'Session tokens are not accepted in URLs: send Authorization: Bearer, or get a ticket from POST /v1/socket/ticket and pass ?ticket=.');
  }
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const actor = await authenticate(ctx.deps, header.slice(7).trim());
    // API tokens are for HTTP (docs/api/tokens.md): the socket is a logged-in session's.
    requireScope(actor, 'session');
    return actor;
  }
  if (typeof query.ticket === 'string') return redeemSocketTicket(ctx.deps, query.ticket);
  throw new DomainError('unauthorized', 'Log in first: send Authorization: Bearer, or ?ticket= from POST /v1/socket/ticket.');
}

export function registerSocket(app: FastifyInstance, ctx: GatewayContext, opts: SocketServerOptions): { connections: Set<Connection> } {
  const connections = new Set<Connection>();
  /** Open sockets per user, oldest first (Sets keep insertion order). */
  const byUser = new Map<string, Set<Connection>>();

  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, ctx.config.heartbeatMs);
  heartbeat.unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.get(
    '/v1/socket',
    {
      websocket: true,
      schema: { hide: true },
      // A refused upgrade is an ordinary HTTP answer, so it goes through the HTTP error table
      // (http/errors.ts): the same status, body and Retry-After as any route for the same failure.
      preValidation: async (req, reply) => {
        if (!opts.isOriginAllowed(req.headers.origin, req.headers.host)) return sendError(reply, 'origin_not_allowed', 'This Origin may not open a socket.');
        try {
          req.socketActor = await authenticateUpgrade(ctx, req);
        } catch (err) {
          return errorHandler(err instanceof Error ? err : new Error(String(err)), req, reply);
        }
      },
    },
    (socket: WebSocket, req: FastifyRequest) => {
      explainProtocolCloses(socket, ctx.config.maxFrameBytes);
      const actor = req.socketActor!;
      const conn = new Connection(ctx, socket, actor.user.id, actor.session.id);
      connections.add(conn);
      let mine = byUser.get(conn.userId);
      if (!mine) byUser.set(conn.userId, (mine = new Set()));
      mine.add(conn);
      // One user opening hundreds of sockets: the oldest ones beyond the cap are closed.
      for (const old of [...mine].slice(0, Math.max(0, mine.size - ctx.config.maxSocketsPerUser))) {
        old.close(CLOSE_CODES.tooManySockets, 'too many sockets for this user');
      }
      socket.on('pong', () => (conn.alive = true));
      socket.on('close', () => {
        connections.delete(conn);
        mine.delete(conn);
        if (mine.size === 0) byUser.delete(conn.userId);
        conn.closed();
      });
      socket.on('error', () => socket.terminate());
      socket.on('message', (data, isBinary) => {
        conn.alive = true;
        if (isBinary) {
          conn.close(CLOSE_CODES.unsupportedData, 'binary frames are not supported');
          return;
        }
        const allowed = ctx.socketOps.take(conn.connectionId);
        if (!allowed.ok) {
          if (!conn.strike(allowed.retryAfterMs)) conn.sendError(undefined, 'rate_limited', 'Too many ops.', { retryAfterMs: allowed.retryAfterMs });
          return;
        }
        const parsed = parseFrame((data as Buffer).toString('utf8'));
        if (!parsed.ok) {
          conn.sendError(parsed.id, parsed.code, parsed.message, parsed.field ? { field: parsed.field } : undefined);
          return;
        }
        const handler = OP_HANDLERS[parsed.frame.op] as (i: unknown) => Promise<void> | void;
        Promise.resolve(handler({ ctx, conn, me: actor.user, frame: parsed.frame })).catch((err: unknown) => {
          ctx.log.error({ err }, 'socket handler crashed');
          conn.sendError(undefined, 'internal', 'Something went wrong.');
        });
      });
      conn.send({ type: 'hello', heartbeatMs: ctx.config.heartbeatMs, userId: actor.user.id, connectionId: conn.connectionId });
    },
  );
  return { connections };
}

/**
 * `ws` itself closes a socket whose frame is over `maxPayload` (1009) or not UTF-8 (1007), and it
 * does so through the instance's `close` without a reason. Giving that call a reason tells a
 * client's developer what to fix instead of leaving a bare code.
 */
function explainProtocolCloses(socket: WebSocket, maxFrameBytes: number): void {
  const reasons: Record<number, string> = {
    [CLOSE_CODES.tooBig]: `frame larger than ${maxFrameBytes} bytes`,
    [CLOSE_CODES.invalidPayload]: 'text frame is not valid UTF-8',
  };
  const close = socket.close.bind(socket);
  socket.close = (code?: number, reason?: string | Buffer) => close(code, reason ?? (code === undefined ? undefined : reasons[code]));
}
