/**
 * What the PostgreSQL backend promises beyond the Store port (the port itself is covered by the
 * conformance suite): durable-commit check at start, clear errors when PostgreSQL is unreachable,
 * StorageUnavailable while it is down and recovery without restart, an unknown outcome when the
 * connection dies during COMMIT, and gapless commit-ordered positions across several nodes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpFaultProxy, type TcpFaultProxy } from '../conformance/tcpFaultProxy.js';
import { StorageUnavailable, type EventRow, type Store } from '../store.js';
import { openPostgresStore } from './pgStore.js';
import { createTestSchema, TEST_PG_URL, type TestSchema } from './testSchema.js';

const target = () => {
  const u = new URL(TEST_PG_URL);
  return { host: u.hostname, port: Number(u.port || 5432) };
};

describe('PostgreSQL store operations', () => {
  let schema: TestSchema;
  const opened: Store[] = [];
  const proxies: TcpFaultProxy[] = [];
  const open = async (url: string, extra: { unsafeAsyncCommit?: boolean } = {}) => {
    const s = await openPostgresStore({ url, poolSize: 4, connectTimeoutMs: 2000, ...extra });
    opened.push(s);
    return s;
  };
  const proxy = async () => {
    const p = await startTcpFaultProxy(target());
    proxies.push(p);
    return p;
  };
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    for (const p of proxies.splice(0)) await p.close();
    for (const s of opened.splice(0)) await s.close();
    await schema.drop();
  });

  it('fails to start with a clear error when PostgreSQL is unreachable', async () => {
    const p = await proxy();
    await p.cut();
    await expect(openPostgresStore({ url: p.url(schema.url), connectTimeoutMs: 2000 })).rejects.toThrow(/PostgreSQL is unreachable at postgres:\/\/postgres@127\.0\.0\.1:\d+/);
  });

  it('refuses synchronous_commit=off unless the operator passes the unsafe flag', async () => {
    const u = new URL(schema.url);
    u.searchParams.set('options', `${u.searchParams.get('options')} -c synchronous_commit=off`);
    await expect(openPostgresStore({ url: u.toString() })).rejects.toThrow(/does not commit durably \(synchronous_commit=off/);
    const s = await open(u.toString(), { unsafeAsyncCommit: true });
    expect(await s.isReady()).toBe(true);
  });

  it('answers StorageUnavailable while PostgreSQL is down and recovers without a restart', async () => {
    const p = await proxy();
    const s = await open(p.url(schema.url));
    await s.write((tx) => tx.invites.insert('before', 1));
    await p.cut();
    const write = await s.write((tx) => tx.invites.insert('during', 2)).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(StorageUnavailable);
    expect((write as StorageUnavailable).unknownOutcome).toBe(false);
    await expect(s.read.events.headPos()).rejects.toBeInstanceOf(StorageUnavailable);
    expect(await s.isReady()).toBe(false);
    await p.restore();
    await s.write((tx) => tx.invites.insert('after', 3));
    expect(await s.write((tx) => tx.invites.consume('after', 'u', 4))).toBe(true);
    expect(await s.write((tx) => tx.invites.consume('during', 'u', 4))).toBe(false);
    expect(await s.isReady()).toBe(true);
  });

  it('reports an unknown outcome when the connection dies during COMMIT, and publishes nothing', async () => {
    const p = await proxy();
    const s = await open(p.url(schema.url));
    const published: EventRow[] = [];
    s.onCommitted((e) => void published.push(...e));
    const fired = p.killOnClientBytes('COMMIT');
    const err = await s
      .write(async (tx) => {
        await tx.invites.insert('lost', 1);
        await tx.events.append({ type: 'read.updated', conversationId: null, userId: 'u', payload: {}, createdAt: 1 });
      })
      .catch((e: unknown) => e);
    await fired;
    expect(err).toBeInstanceOf(StorageUnavailable);
    expect((err as StorageUnavailable).unknownOutcome).toBe(true);
    expect(published).toEqual([]);
    // The retry completes the write (the COMMIT never reached the server here).
    await s.write((tx) => tx.invites.insert('lost', 1));
    expect(await s.read.events.headPos()).toBe(0);
  });

  it('keeps positions gapless and in commit order across nodes writing at once', async () => {
    const nodes = await Promise.all([open(schema.url), open(schema.url), open(schema.url)]);
    const reader = nodes[0]!.read;
    const perNode: EventRow[][][] = nodes.map((n) => {
      const batches: EventRow[][] = [];
      n.onCommitted((e) => void batches.push(e));
      return batches;
    });
    await nodes[0]!.write((tx) => tx.conversations.insert({ id: 'c', kind: 'group', title: null, moderatorId: null, lastSeq: 0, lastActivityAt: 0, createdAt: 0 }, null));
    let writing = true;
    // A follower polling the log must only ever see a contiguous prefix (never N+1 before N).
    const follower = (async () => {
      let cursor = 0;
      while (writing || cursor < (await reader.events.headPos())) {
        const page = await reader.events.allAfter(cursor, 500);
        page.forEach((e, i) => expect(e.pos).toBe(cursor + i + 1));
        cursor += page.length;
      }
      return cursor;
    })();
    const writes = nodes.flatMap((n, ni) =>
      Array.from({ length: 300 }, (_, i) =>
        n.write(async (tx) => {
          const seq = await tx.conversations.nextSeq('c', i);
          await tx.events.append({ type: 'message.created', conversationId: 'c', userId: null, payload: { ni, i, seq }, createdAt: i });
          return seq;
        }),
      ),
    );
    const seqs = await Promise.all(writes);
    writing = false;
    expect(await follower).toBe(900);
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    const all = perNode.flat(2).sort((a, b) => a.pos - b.pos);
    expect(all.map((e) => e.pos)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    // Commit order = pos order = seq order within the conversation (seq taken under the same locks).
    expect(all.map((e) => (e.payload as { seq: number }).seq)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
  });
});
