/**
 * Security headers (http/securityHeaders.ts): the app's HTML gets the strict CSP, API answers
 * (errors too) `default-src 'none'`, every answer nosniff / no-referrer / DENY; HSTS only for an
 * https deployment or a request that came over TLS; a route's own CSP is kept.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { API_CSP, APP_CSP, HSTS } from './securityHeaders.js';

const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-web-'));
fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
fs.mkdirSync(path.join(webDir, 'assets'));
fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
afterAll(() => fs.rmSync(webDir, { recursive: true, force: true }));

const get = (server: TestServer, p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });

describe('plain http deployment', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ webDir });
  });
  afterAll(async () => server?.close());

  it('serves the app under the strict CSP, with no inline script allowed', async () => {
    const res = await get(server, '/backchannel', { accept: 'text/html' });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(APP_CSP);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    for (const [h, v] of [['x-content-type-options', 'nosniff'], ['referrer-policy', 'no-referrer'], ['x-frame-options', 'DENY'], ['cross-origin-opener-policy', 'same-origin']]) expect(res.headers.get(h!), h).toBe(v);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('leaves the cached app its CSP when a reload revalidates it (304)', async () => {
    // node:http, not fetch: fetch turns a request with conditional headers into a no-cache one.
    const raw = (p: string, headers: Record<string, string>) =>
      new Promise<http.IncomingMessage>((resolve, reject) => http.get(`${server.url}${p}`, { headers }, (res) => (res.resume(), resolve(res))).on('error', reject));
    for (const p of ['/', '/rooms/some-room']) {
      const first = await raw(p, { accept: 'text/html' });
      expect(first.statusCode, p).toBe(200);
      const again = await raw(p, { accept: 'text/html', 'cache-control': 'max-age=0', 'if-none-match': String(first.headers.etag), 'if-modified-since': String(first.headers['last-modified']) });
      expect(again.statusCode, p).toBe(304);
      // Its headers replace the cached answer's: a policy here would be the one the app runs under.
      expect(again.headers['content-security-policy'], p).toBeUndefined();
      expect(again.headers['x-content-type-options'], p).toBe('nosniff');
    }
  });

  it('gives API answers, errors included, a CSP that allows nothing', async () => {
    for (const p of ['/v1/me', '/healthz', '/v1/nope', '/assets/app.js']) {
      const res = await get(server, p);
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      if (p !== '/assets/app.js') expect(res.headers.get('content-security-policy'), p).toBe(API_CSP);
    }
  });

  it('sends HSTS for a request that came over TLS through the proxy, and keeps a route\'s own CSP', async () => {
    expect((await get(server, '/healthz', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBe(HSTS);
    const docs = await get(server, '/docs/static/index.html', { accept: 'text/html' });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toMatch(/unsafe-hashes/);
  });
});

it('sends HSTS on every answer of an https deployment', async () => {
  const server = await startTestServer({ webDir, publicUrl: 'https://chat.example.org' });
  try {
    for (const p of ['/healthz', '/v1/me']) expect((await get(server, p)).headers.get('strict-transport-security'), p).toBe(HSTS);
  } finally {
    await server.close();
  }
});
