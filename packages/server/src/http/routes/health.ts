/**
 * Probes for load balancers and orchestrators (docs/deploy/). Not part of the developer API, so not
 * in `GET /openapi.json`: they take no input and answer no error a client could act on.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../storage/store.js';

export function healthRoutes(app: FastifyInstance, store: Store, isShuttingDown: () => boolean): void {
  app.get('/healthz', { schema: { hide: true, summary: 'The process is alive' } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true, summary: 'Storage is open and migrated; not shutting down' } }, async (_req, reply) => {
    const ready = !isShuttingDown() && (await store.isReady().catch(() => false));
    return reply.code(ready ? 200 : 503).send({ ok: ready });
  });
}
