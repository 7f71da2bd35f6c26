/**
 * Test harness: a real server (real SQLite file in a temp dir, real sockets on port 0) and SDK
 * clients. Password hashing is real argon2id with cheap parameters, so tests stay fast.
 * With `BACKCHANNEL_TEST_BACKEND=pg` the same tests run on PostgreSQL instead: each server gets a
 * throw-away schema (storage/postgres/testSchema.ts), dropped on close. `npm test` runs the API,
 * socket and domain tiers this way too (the `pg` project in vitest.config.ts).
 * Every server checks its HTTP traffic against its own OpenAPI document (openapiCheck.ts): a test
 * whose requests or responses the document does not describe fails at `close()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { BackchannelClient, type WebSocketConstructor } from '@backchannel/sdk';
import type { DurableEvent, ServerFrame } from '@backchannel/protocol';
import { buildApp, type AppOverrides, type BuiltApp } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';
import { argon2Hasher } from '../lib/system.js';
import type { Resolver } from '../links/policy.js';
import { createTestSchema, type TestSchema } from '../storage/postgres/testSchema.js';
import { OpenapiCheck } from './openapiCheck.js';

export interface TestServer extends BuiltApp {
  url: string;
  wsUrl: string;
  dataDir: string;
  /** This server's HTTP traffic checked against its `GET /openapi.json` (openapiCheck.ts); `close()` fails on a mismatch. */
  openapi: OpenapiCheck;
  close(): Promise<void>;
}

/**
 * Tests of other areas open many 1:1s between fresh strangers; the requests-inbox caps would get in
 * their way. Tests of those caps pass their own values (domain/requests/*.test.ts).
 */
export const RELAXED_REQUEST_LIMITS: Partial<Config> = { requestExtraMessages: 100, requestMessageMaxChars: 4000, requestDailyBudget: 100_000, requestDailyBudgetNewAccount: 100_000, requestsPerMinute: 100_000, safetyActionsPerMinute: 100_000 };

export async function startTestServer(config: Partial<Config> = {}, overrides: AppOverrides = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-test-'));
  // A caller that names its own database keeps it; otherwise the env may pick PostgreSQL.
  const schema: TestSchema | null = process.env.BACKCHANNEL_TEST_BACKEND === 'pg' && config.databaseUrl === undefined ? await createTestSchema() : null;
  const dropSchema = async () => {
    await schema?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let built: BuiltApp;
  try {
    const cfg = loadConfig({}, { dataDir, port: 0, logLevel: 'silent', authAttemptsPerMinute: 10_000, userWritesPerMinute: 100_000, socketOpsPerMinute: 100_000, ...RELAXED_REQUEST_LIMITS, ...(schema ? { databaseUrl: schema.url } : {}), ...config });
    // Never real DNS in tests: a link preview resolves nothing unless the test injects its own resolver.
    built = await buildApp(cfg, { hasher: argon2Hasher(4, 10_000, { memoryCost: 1024, timeCost: 1 }), resolver: noDns, ...overrides });
  } catch (err) {
    await dropSchema();
    throw err;
  }
  const openapi = new OpenapiCheck(built.app);
  openapi.install();
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = built.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    ...built,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    openapi,
    async close() {
      await built.shutdown();
      await dropSchema();
      openapi.assertClean();
    },
  };
}

/** The link-preview resolver of every test server that does not bring one: no name resolves. */
const noDns: Resolver = async (hostname) => {
  throw Object.assign(new Error(`test servers resolve no names (${hostname})`), { code: 'ENOTFOUND' });
};

let counter = 0;

export interface TestUser {
  client: BackchannelClient;
  id: string;
  username: string;
  token: string;
}

export async function signupUser(server: { url: string }, name?: string): Promise<TestUser> {
  const username = name ?? `u${process.pid}_${++counter}`;
  const client = new BackchannelClient({ baseUrl: server.url, WebSocket: WebSocket as unknown as WebSocketConstructor });
  const res = await client.signup({ username, displayName: `User ${username}`, password: 'correct horse battery' });
  return { client, id: res.user.id, username, token: res.token };
}

/** A raw socket that records every frame, for asserting exactly what a user received. */
export class SpySocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  closeCode: number | null = null;
  closeReason: string | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.wake();
    });
  }

  /** `resumeFrom`: a cursor token, null (live from now) or undefined (no resume sent). */
  static async open(server: { wsUrl: string }, token: string, resumeFrom: string | null | undefined = null): Promise<SpySocket> {
    const ws = new WebSocket(`${server.wsUrl}/v1/socket`, { headers: { authorization: `Bearer ${token}` } });
    const spy = new SpySocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    await spy.waitFor((f) => f.type === 'hello');
    if (resumeFrom !== undefined) {
      spy.send({ op: 'resume', cursor: resumeFrom });
      await spy.waitFor((f) => f.type === 'ready' || f.type === 'resume_failed');
    }
    return spy;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  events(): DurableEvent[] {
    return this.frames.filter((f): f is DurableEvent => 'pos' in f && typeof (f as { pos?: unknown }).pos === 'string');
  }

  async waitFor(pred: (f: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.find(pred);
      if (hit) return hit;
      if (this.closeCode !== null) throw new Error(`socket closed (${this.closeCode}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('socket did not close');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
    return this.closeCode;
  }

  /** Sends a ping and waits for its ack: every frame the server queued before it has arrived. */
  async settle(): Promise<void> {
    const id = `settle-${Math.random().toString(36).slice(2)}`;
    this.send({ op: 'ping', id });
    await this.waitFor((f) => f.type === 'ack' && f.id === id);
  }

  close(): void {
    this.ws.close();
  }
}
