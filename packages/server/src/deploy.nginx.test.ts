/**
 * Smoke test of the nginx TLS example (docs/deploy/nginx.conf) against Debian's nginx: the example
 * file itself, with only its ports, certificate and upstream replaced, in front of a real server.
 * Checks the redirect to https, the server's security headers through the proxy (HSTS because
 * nginx forwards X-Forwarded-Proto), a WebSocket upgrade that carries live events, and that a body
 * over the server's limit gets the server's JSON 413, not nginx's page.
 * Needs /usr/sbin/nginx and openssl: `npm test` skips it (and says so) when nginx is absent;
 * BACKCHANNEL_REQUIRE_SERVICES=1 (CI) makes it mandatory.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/harness.js';
import { freePort } from './testing/process.js';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/deploy/nginx.conf');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-nginx-'));
let server: TestServer;
let nginx: ChildProcess | null = null;
let tlsPort = 0;
let httpPort = 0;
let ca: Buffer;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, p: string, opts: { body?: string; headers?: Record<string, string>; plain?: boolean } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const lib = opts.plain ? http : https;
    const req = lib.request({ host: '127.0.0.1', port: opts.plain ? httpPort : tlsPort, method, path: p, ca, servername: 'chat.example.org', headers: { host: 'chat.example.org', ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${p} timed out`)));
    req.end(opts.body);
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = http.get({ host: '127.0.0.1', port, path: '/' }, (r) => (r.resume(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (nginx?.exitCode !== null) throw new Error(`nginx exited: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not listen');
}

beforeAll(async () => {
  server = await startTestServer();
  const upstream = new URL(server.url).port;
  [tlsPort, httpPort] = [await freePort(), await freePort()];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=chat.example.org', '-addext', 'subjectAltName=DNS:chat.example.org', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  ca = fs.readFileSync(path.join(dir, 'cert.pem'));
  // The example as shipped; only what names this machine changes.
  const site = fs
    .readFileSync(EXAMPLE, 'utf8')
    .replace(/listen \[::\]:\d+[^;]*;/g, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`)
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${upstream};`);
  expect(site).toContain(`127.0.0.1:${upstream}`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, t)};`).join('\n  ');
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${path.join(dir, 'nginx.pid')};\nerror_log ${path.join(dir, 'error.log')} warn;\n${process.getuid?.() === 0 ? 'user root;\n' : ''}events { worker_connections 256; }\nhttp {\n  access_log off;\n  ${temp}\n  include ${path.join(dir, 'site.conf')};\n}\n`,
  );
  nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await waitForPort(httpPort);
});
afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGQUIT');
    await exited;
  }
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('redirects http to https', async () => {
  const res = await request('GET', '/healthz', { plain: true });
  expect(res.status).toBe(301);
  expect(res.headers.location).toBe('https://chat.example.org/healthz');
});

it('serves the API over TLS with the server\'s security headers, HSTS included', async () => {
  const res = await request('GET', '/healthz');
  expect(res.status).toBe(200);
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toContain("default-src 'none'");
});

it('upgrades /v1/socket to a WebSocket that carries frames both ways', async () => {
  const signup = await request('POST', '/v1/auth/signup', { body: JSON.stringify({ username: `ngx${process.pid}`, displayName: 'Through nginx', password: 'correct horse battery' }) });
  expect(signup.status, signup.body).toBe(201);
  const { token } = JSON.parse(signup.body) as { token: string };
  const frames: Array<{ type: string }> = [];
  const ws = new WebSocket(`wss://127.0.0.1:${tlsPort}/v1/socket`, { ca, servername: 'chat.example.org', headers: { host: 'chat.example.org', authorization: `Bearer ${token}` } });
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as { type: string }));
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  const until = async (type: string) => {
    for (let i = 0; i < 200 && !frames.some((f) => f.type === type); i++) await new Promise((r) => setTimeout(r, 25));
    expect(frames.map((f) => f.type)).toContain(type);
  };
  await until('hello');
  ws.send(JSON.stringify({ op: 'ping', id: 'through-nginx' }));
  await until('ack');
  ws.close();
});

it('lets a body over the server\'s limit through, so the 413 is the server\'s JSON', async () => {
  const res = await request('POST', '/v1/auth/login', { body: JSON.stringify({ username: 'x', password: 'y'.repeat(300 * 1024) }) });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body)).toMatchObject({ code: 'too_large' });
});
