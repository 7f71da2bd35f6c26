/**
 * The visibility module's rules, one by one, through its exports over a real (SQLite) store: who
 * may load a conversation, a message or a user; who receives each signal; what a conversation
 * lists and how it pages; which writes are shadowed. The end-to-end side (HTTP, sockets, event
 * sizes) is in visibility.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '@backchannel/protocol';
import { conversation, member, message, T0, user } from '../../storage/conformance/fixtures.js';
import { openSqliteStore } from '../../storage/sqlite/sqliteStore.js';
import type { MemberRow, Store } from '../../storage/store.js';
import { DomainError } from '../errors.js';
import { accessConversation, accessMessage, accessUser, accessUserByUsername } from './access.js';
import { roomSignalAudience, signalAudience, signalRecipients, type Signal } from './audience.js';
import { blockedMemberIds } from './blocks.js';
import { isListed, listedCount, listedMemberIds, listedPage, memberPreview } from './listed.js';
import { isShadowedWrite } from './shadow.js';

let store: Store;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-visibility-'));
  store = openSqliteStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Users a…h; group `g` with a, b, c, d (joined in that order); 1:1 `d1` between a and b. */
async function seed(extra: (tx: Parameters<Parameters<Store['write']>[0]>[0]) => Promise<void> = async () => {}): Promise<void> {
  await store.write(async (tx) => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) await tx.users.insert(user(id));
    await tx.conversations.insert({ ...conversation('g'), lastSeq: 1 }, null);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) await tx.members.add(member('g', id, { joinedAt: T0 + i }));
    await tx.messages.insert(message('g', 1, 'a'));
    await tx.conversations.insert(conversation('d1', 'direct'), 'a:b');
    await tx.members.add(member('d1', 'a'));
    await tx.members.add(member('d1', 'b'));
    await extra(tx);
  });
}

const mem = async (c: string, u: string): Promise<MemberRow> => (await store.read.members.get(c, u))!;

async function notFoundCode(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return `${(err as DomainError).code}: ${(err as DomainError).message}`;
}

describe('access', () => {
  it('answers a conversation to its members, and the same not_found for a stranger as for an unknown id', async () => {
    await seed();
    expect((await accessConversation(store.read, 'c', 'g')).member.userId).toBe('c');
    expect(await notFoundCode(accessConversation(store.read, 'e', 'g'))).toBe(await notFoundCode(accessConversation(store.read, 'e', 'nope')));
    expect(await notFoundCode(accessConversation(store.read, 'e', 'g'))).toBe('not_found: No such conversation.');
  });

  it('answers a message to members of its conversation only; another conversation, a stranger and an unknown id look alike', async () => {
    await seed();
    const id = message('g', 1, 'a').id;
    expect((await accessMessage(store.read, 'b', id)).message.text).toBe('hello 1');
    expect((await accessMessage(store.read, 'b', id, 'g')).conversation.id).toBe('g');
    const unknown = await notFoundCode(accessMessage(store.read, 'b', 'nope'));
    expect(unknown).toBe('not_found: No such message.');
    expect(await notFoundCode(accessMessage(store.read, 'e', id))).toBe(unknown);
    expect(await notFoundCode(accessMessage(store.read, 'b', id, 'd1'))).toBe(unknown);
  });

  it('hides suspended users as if they did not exist, by id and by username', async () => {
    await seed((tx) => tx.users.update('h', { suspendedAt: T0 }));
    expect((await accessUser(store.read, 'e')).id).toBe('e');
    expect((await accessUserByUsername(store.read, 'E')).id).toBe('e');
    const unknown = await notFoundCode(accessUser(store.read, 'zz'));
    expect(await notFoundCode(accessUser(store.read, 'h'))).toBe(unknown);
    expect(await notFoundCode(accessUserByUsername(store.read, 'h'))).toBe(unknown);
  });
});

describe('signal audiences', () => {
  const cutting: Signal[] = ['receipt', 'typing', 'reaction', 'presence'];

  it('sends every signal to every other member when nobody is blocked', async () => {
    await seed();
    for (const s of [...cutting, 'edit' as const]) expect(await signalAudience(store.read, s, { id: 'g' }, await mem('g', 'a'))).toBe('all');
    expect(await signalRecipients(store.read, 'typing', { id: 'g' }, await mem('g', 'a'))).toEqual(['b', 'c', 'd']);
  });

  it('lets nothing but edits leave someone reading a pending request', async () => {
    await seed((tx) => tx.members.update('d1', 'b', { folder: 'requests' }));
    const reader = await mem('d1', 'b');
    for (const s of cutting) expect(await signalAudience(store.read, s, { id: 'd1' }, reader), s).toEqual([]);
    expect(await signalRecipients(store.read, 'typing', { id: 'd1' }, reader)).toEqual([]);
    expect(await signalAudience(store.read, 'edit', { id: 'd1' }, reader)).toBe('all');
  });

  it('cuts a block in either direction, for the blocker and for the blocked, and only between those two', async () => {
    await seed((tx) => tx.graph.setBlock('c', 'a', true, T0));
    for (const s of cutting) {
      expect(await signalAudience(store.read, s, { id: 'g' }, await mem('g', 'a')), s).toEqual(['b', 'd']);
      expect(await signalAudience(store.read, s, { id: 'g' }, await mem('g', 'c')), s).toEqual(['b', 'd']);
      expect(await signalAudience(store.read, s, { id: 'g' }, await mem('g', 'b')), s).toBe('all');
    }
    expect(await signalAudience(store.read, 'edit', { id: 'g' }, await mem('g', 'a'))).toBe('all');
  });

  it('leaves out of a room signal the actor and anyone with a block with them, either way', async () => {
    await seed(async (tx) => {
      await tx.graph.setBlock('a', 'b', true, T0);
      await tx.graph.setBlock('c', 'a', true, T0);
      await tx.graph.setBlock('d', 'e', true, T0);
    });
    expect(await roomSignalAudience(store.read, 'a', ['a', 'b', 'c', 'd', 'e'])).toEqual(['d', 'e']);
    expect(await roomSignalAudience(store.read, 'f', ['a', 'b', 'f'])).toEqual(['a', 'b']);
    expect(await roomSignalAudience(store.read, 'a', [])).toEqual([]);
  });
});

describe('what a conversation lists', () => {
  it('lists both people of a 1:1 even after one left', async () => {
    await seed((tx) => tx.members.remove('d1', 'b'));
    expect(await listedMemberIds(store.read, { id: 'd1', kind: 'direct' })).toEqual(['a', 'b']);
    expect(await listedCount(store.read, { id: 'd1', kind: 'direct' })).toBe(2);
    expect([await isListed(store.read, { id: 'd1', kind: 'direct' }, 'b'), await isListed(store.read, { id: 'd1', kind: 'direct' }, 'c')]).toEqual([true, false]);
    const first = await listedPage(store.read, { id: 'd1', kind: 'direct' }, { limit: 1 });
    const second = await listedPage(store.read, { id: 'd1', kind: 'direct' }, { limit: 1, after: first.next! });
    expect([first.users.map((u) => u.id), second.users.map((u) => u.id), second.next]).toEqual([['a'], ['b'], null]);
  });

  it('merges ghost members into a group at their place, in the preview, the count and every page', async () => {
    await seed(async (tx) => {
      await tx.ghosts.put({ conversationId: 'g', userId: 'e', addedBy: 'a', joinedAt: T0 + 1, expiresAt: null });
      for (const [i, id] of ['f', 'g', 'h'].entries()) await tx.members.add(member('g', id, { joinedAt: T0 + 10 + i }));
    });
    const c = { id: 'g', kind: 'group' as const };
    const all = ['a', 'b', 'e', 'c', 'd', 'f', 'g', 'h'];
    expect(await listedMemberIds(store.read, c)).toEqual(all);
    expect(await Promise.all(['e', 'h', 'zz'].map((id) => isListed(store.read, c, id)))).toEqual([true, true, false]);
    const preview = await memberPreview(store.read, c);
    expect([preview.users.map((u) => u.id), preview.count]).toEqual([all.slice(0, LIMITS.memberPreview), 8]);
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listedPage(store.read, c, { limit: 3, ...(after !== undefined ? { after } : {}) });
      seen.push(...page.users.map((u) => u.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual(all);
    await expect(listedPage(store.read, c, { limit: 3, after: 'not a token' })).rejects.toMatchObject({ code: 'bad_request', details: { field: 'after' } });
  });

  it('tells a group member whom they blocked there (ghost members too), never who blocked them', async () => {
    await seed(async (tx) => {
      await tx.ghosts.put({ conversationId: 'g', userId: 'e', addedBy: 'a', joinedAt: T0 + 1, expiresAt: null });
      await tx.graph.setBlock('a', 'c', true, T0);
      await tx.graph.setBlock('a', 'e', true, T0);
      await tx.graph.setBlock('a', 'f', true, T0);
      await tx.graph.setBlock('d', 'a', true, T0);
    });
    expect(await blockedMemberIds(store.read, { id: 'g', kind: 'group' }, 'a')).toEqual(['c', 'e']);
    expect(await blockedMemberIds(store.read, { id: 'g', kind: 'group' }, 'c')).toEqual([]);
    expect(await blockedMemberIds(store.read, { id: 'd1', kind: 'direct' }, 'a')).toEqual([]);
  });
});

describe('shadowed writes', () => {
  it('shadows a 1:1 write when the other person blocked the writer, and nothing else', () => {
    expect(isShadowedWrite({ blockedByOther: true })).toBe(true);
    expect(isShadowedWrite({ blockedByOther: false })).toBe(false);
    expect(isShadowedWrite(null)).toBe(false);
  });
});
