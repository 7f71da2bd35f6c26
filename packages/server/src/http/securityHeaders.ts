/**
 * Security headers on every response (RELIABILITY.md; docs/deploy/security.md). The web app gets a
 * strict Content-Security-Policy: scripts, styles, fonts and images from this origin only, no
 * inline script, no framing, no plugins; WebSocket and fetch to this origin only ('self' covers
 * ws:/wss: of the same host, CSP Level 3 §6.7.2.4). API answers get `default-src 'none'`: JSON is
 * never a document. A route that sets its own policy (the API reference, preview images) keeps it.
 * HSTS is sent when the deployment says it is served over https (`BACKCHANNEL_PUBLIC_URL`) or the
 * request came over TLS (directly or as the proxy's X-Forwarded-Proto says).
 * There are no cookies: sessions are bearer tokens, so there is no cookie to mark Secure/HttpOnly.
 */
import type { FastifyInstance } from 'fastify';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ');

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const HSTS = 'max-age=31536000; includeSubDomains';

const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function registerSecurityHeaders(app: FastifyInstance, opts: { publicUrl: string | null }): void {
  const httpsDeployment = opts.publicUrl?.startsWith('https://') ?? false;
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(ALWAYS)) if (!reply.hasHeader(name)) reply.header(name, value);
    // A 304 has no body and often no content type; its headers replace the cached answer's
    // (RFC 9111 §4.3.4), so a policy guessed here would turn the cached app into an API answer
    // (`default-src 'none'`: no script runs after a reload). It keeps the policy it was cached with.
    if (!reply.hasHeader('content-security-policy') && reply.statusCode !== 304) {
      const type = String(reply.getHeader('content-type') ?? '');
      reply.header('content-security-policy', type.startsWith('text/html') ? APP_CSP : API_CSP);
    }
    if (httpsDeployment || req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
