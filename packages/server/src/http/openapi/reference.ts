/**
 * The interactive API reference at `/docs`: Swagger UI (@fastify/swagger-ui) over this server's
 * `GET /openapi.json`. Every asset (script, styles, icons) is served from the server itself, nothing
 * from a CDN, under a strict Content-Security-Policy (no inline script or style, no other origin).
 * "Try it out" calls this same origin with the bearer token typed into "Authorize".
 */
import type { FastifyInstance } from 'fastify';
import fastifySwaggerUi from '@fastify/swagger-ui';

export const REFERENCE_PREFIX = '/docs';

/** Same origin only; Swagger UI needs no inline script (its csp.json lists no hashes). */
export const REFERENCE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  // One style attribute Swagger UI sets while rendering, allowed by its hash alone (CSP3 'unsafe-hashes').
  "style-src 'self' 'unsafe-hashes' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
].join('; ');

export async function registerApiReference(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwaggerUi, {
    routePrefix: REFERENCE_PREFIX,
    staticCSP: REFERENCE_CSP,
    // No call to the public validator service (it would send the document to another origin).
    validatorUrl: false,
    // BaseLayout: no top bar (it is an "explore any URL" box; this page documents this server only).
    uiConfig: { layout: 'BaseLayout', deepLinking: true, persistAuthorization: false, tryItOutEnabled: false, displayOperationId: true, defaultModelsExpandDepth: 0 },
    theme: { title: 'Backchannel API reference' },
  });
}
