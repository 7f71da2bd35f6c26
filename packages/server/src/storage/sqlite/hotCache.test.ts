/**
 * The write connection's send cache (hotCache.ts) never answers from memory what the database no
 * longer says: after any other write, after a rolled-back write, after another connection's
 * commit; and it follows `messages.append` exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directKey, type Store } from '../store.js';
import { T0, conversation, member, message, user } from '../conformance/fixtures.js';
import { openSqliteStore } from './sqliteStore.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hot-cache-'));
  store = openSqliteStore({ dataDir: dir });
  await store.write(async (tx) => {
    for (const id of ['ada', 'bob']) await tx.users.insert(user(id));
    await tx.conversations.insert(conversation('d1', 'direct'), directKey('ada', 'bob'));
    await tx.members.add(member('d1', 'ada'));
    await tx.members.add(member('d1', 'bob'));
  });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const contextInWrite = (clientId = 'cm') => store.write((tx) => tx.messages.sendContext('d1', 'ada', clientId));
const draft = (n: number) => {
  const { seq: _seq, ...rest } = message('d1', n, 'ada', `cm-${n}`);
  return { ...rest, createdAt: T0 + 1000 + n };
};

describe('the SQLite write cache of the send path', () => {
  it('forgets a membership and a block when another write changes them', async () => {
    expect((await contextInWrite()).member).toEqual(member('d1', 'ada'));
    await store.write((tx) => tx.members.remove('d1', 'ada'));
    expect((await contextInWrite()).member).toBeNull();
    expect((await contextInWrite()).direct?.blockedByOther).toBe(false);
    await store.write((tx) => tx.graph.setBlock('bob', 'ada', true, T0));
    expect((await contextInWrite()).direct?.blockedByOther).toBe(true);
  });

  it('follows messages.append: the cached conversation and sender membership move as the rows do', async () => {
    await contextInWrite();
    for (const n of [1, 2, 3]) await store.write((tx) => tx.messages.append(draft(n), { senderRead: true }));
    const cached = await contextInWrite();
    const stored = await store.read.messages.sendContext('d1', 'ada', 'cm');
    expect(cached.conversation).toEqual(stored.conversation);
    expect(cached.member).toEqual(stored.member);
    expect(cached.conversation?.lastSeq).toBe(3);
    expect(cached.member?.readSeq).toBe(3);
  });

  it('forgets what a rolled-back write read, alone or in a batch', async () => {
    const failing = store.write(async (tx) => {
      await tx.members.remove('d1', 'ada');
      expect((await tx.messages.sendContext('d1', 'ada', 'cm')).member).toBeNull();
      throw new Error('undo');
    });
    const other = store.write((tx) => tx.messages.sendContext('d1', 'bob', 'cm'));
    await expect(failing).rejects.toThrow('undo');
    await other;
    expect((await contextInWrite()).member).toEqual(member('d1', 'ada'));
    // A batch of one write rolls back the whole transaction.
    await expect(
      store.write(async (tx) => {
        await tx.members.remove('d1', 'ada');
        await tx.messages.sendContext('d1', 'ada', 'cm');
        throw new Error('undo alone');
      }),
    ).rejects.toThrow('undo alone');
    expect((await contextInWrite()).member).toEqual(member('d1', 'ada'));
  });

  it('forgets everything when another connection committed (the admin CLI)', async () => {
    expect((await contextInWrite()).member).toEqual(member('d1', 'ada'));
    const other = new Database(path.join(dir, 'backchannel.db'));
    try {
      other.prepare("DELETE FROM members WHERE conversation_id = 'd1' AND user_id = 'ada'").run();
    } finally {
      other.close();
    }
    expect((await contextInWrite()).member).toBeNull();
  });

  it('hands out copies: a caller changing a row does not change the next answer', async () => {
    const first = await contextInWrite();
    first.member!.readSeq = 99;
    first.conversation!.title = 'changed';
    const second = await contextInWrite();
    expect(second.member?.readSeq).toBe(0);
    expect(second.conversation?.title).toBeNull();
  });
});
