/**
 * Stream cursors reveal nothing about other users' activity (issue 9 item 5): every `pos` and
 * `cursor` a client sees is an opaque token; `GET /v1/sync` never answers the same token twice;
 * an event keeps its token across devices and replays (so clients deduplicate by equality); and
 * only tokens this deployment minted resume, also after a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableEvent, ServerFrame } from '@backchannel/protocol';
import { signupUser, SpySocket, startTestServer, type TestServer, type TestUser } from '../testing/harness.js';
import { createTestSchema } from '../storage/postgres/testSchema.js';

const TOKEN = /^[A-Za-z0-9_-]{48}$/;
let server: TestServer;
let xena: TestUser;
let yuri: TestUser;
let zoe: TestUser;
let xy: string;
let yz: string;

beforeAll(async () => {
  server = await startTestServer();
  [xena, yuri, zoe] = await Promise.all([signupUser(server), signupUser(server), signupUser(server)]);
  for (const [a, b] of [[xena, yuri], [yuri, zoe]] as const) await Promise.all([a.client.follow(b.id), b.client.follow(a.id)]);
  xy = (await xena.client.openDirect(yuri.id)).id;
  yz = (await yuri.client.openDirect(zoe.id)).id;
});
afterAll(() => server.close());

let sent = 0;
const send = (u: TestUser, conversationId: string, text: string) => u.client.sendMessage(conversationId, { clientMessageId: `c${++sent}`, text });
const textOf = (e: DurableEvent) => (e.type === 'message.created' ? e.data.message.text : e.type);

/** What Xena's socket shows for "Yuri says a, others talk `chatter` times, Yuri says b". */
async function xenaSees(chatter: number): Promise<ServerFrame[]> {
  const s = await SpySocket.open(server, xena.token, null);
  await send(yuri, xy, 'a');
  for (let i = 0; i < chatter; i++) await send(zoe, yz, `noise ${i}`);
  await send(yuri, xy, 'b');
  await s.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'b');
  await s.settle();
  s.close();
  return s.frames;
}

describe('stream cursors', () => {
  it('are opaque tokens: a busy server and a quiet one look the same to a bystander', async () => {
    const quiet = await xenaSees(0);
    const busy = await xenaSees(25);
    for (const frames of [quiet, busy]) {
      for (const f of frames) {
        if ('pos' in f) expect(f.pos).toMatch(TOKEN);
        if ('cursor' in f) expect(f.cursor).toMatch(TOKEN);
      }
    }
    // Apart from tokens, ids and times, Xena's two views are identical.
    const shape = (frames: ServerFrame[]) => frames.map((f) => ('pos' in f ? `${f.type}:${textOf(f)}` : f.type));
    expect(shape(busy)).toEqual(shape(quiet));
  });

  it('GET /v1/sync never repeats itself, whether or not anything happened meanwhile', async () => {
    const heads = [];
    for (let i = 0; i < 3; i++) heads.push((await xena.client.syncHead()).cursor);
    await send(zoe, yz, 'elsewhere');
    heads.push((await xena.client.syncHead()).cursor);
    expect(new Set(heads).size).toBe(heads.length);
    for (const h of heads) expect(h).toMatch(TOKEN);
  });

  it('give one event the same token on every device and every replay, and resume after it', async () => {
    const head = (await xena.client.syncHead()).cursor;
    const [phone, laptop] = await Promise.all([SpySocket.open(server, xena.token, head), SpySocket.open(server, xena.token, null)]);
    await send(yuri, xy, 'same token');
    const onPhone = (await phone.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'same token')) as DurableEvent;
    const onLaptop = (await laptop.waitFor((f) => f.type === 'message.created' && f.data.message.text === 'same token')) as DurableEvent;
    expect(onLaptop.pos).toBe(onPhone.pos);
    const replay = await SpySocket.open(server, xena.token, head);
    expect(replay.events().map((e) => [textOf(e), e.pos])).toEqual([['same token', onPhone.pos]]);
    expect(replay.frames.find((f) => f.type === 'ready')).toEqual({ type: 'ready', cursor: onPhone.pos, replayed: 1 });
    const after = await SpySocket.open(server, xena.token, onPhone.pos);
    expect(after.frames.find((f) => f.type === 'ready')).toEqual({ type: 'ready', cursor: onPhone.pos, replayed: 0 });
    for (const s of [phone, laptop, replay, after]) s.close();
  });

  it('refuse numbers and answer tampered or foreign tokens with resume_failed invalid_cursor', async () => {
    const s = await SpySocket.open(server, xena.token, undefined);
    s.send({ op: 'resume', id: 'n', cursor: 12 });
    expect(await s.waitFor((f) => f.type === 'error' && f.id === 'n')).toMatchObject({ code: 'bad_request', details: { field: 'cursor' } });
    const good = (await xena.client.syncHead()).cursor;
    const tampered = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
    s.send({ op: 'resume', cursor: tampered });
    const failed = await s.waitFor((f) => f.type === 'resume_failed');
    expect(failed).toMatchObject({ reason: 'invalid_cursor', cursor: expect.stringMatching(TOKEN) });
    s.close();
    const other = await startTestServer();
    try {
      const u = await signupUser(other);
      const foreign = await SpySocket.open(other, u.token, good);
      expect(foreign.frames.find((f) => f.type === 'resume_failed')).toMatchObject({ reason: 'invalid_cursor' });
      foreign.close();
    } finally {
      await other.close();
    }
  });

  it('stay valid across a restart (the key lives in the store)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cursor-'));
    // On PostgreSQL the restarted server opens the same schema, as a restarted node would.
    const schema = process.env.BACKCHANNEL_TEST_BACKEND === 'pg' ? await createTestSchema() : null;
    const config = { dataDir, ...(schema ? { databaseUrl: schema.url } : {}) };
    try {
      let s = await startTestServer(config);
      const u = await signupUser(s);
      const head = (await u.client.syncHead()).cursor;
      await s.close();
      s = await startTestServer(config);
      const back = await SpySocket.open(s, u.token, head);
      expect(back.frames.find((f) => f.type === 'ready')).toMatchObject({ cursor: head, replayed: 0 });
      back.close();
      await s.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await schema?.drop();
    }
  });

});
