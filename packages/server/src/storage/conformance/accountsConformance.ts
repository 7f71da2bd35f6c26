/** Conformance: the account lifecycle (storage/ports/accounts.ts, docs/subsystems/accounts.md). */
import { describe, expect, it } from 'vitest';
import type { ReportRow, Store } from '../store.js';
import { conversation, message, T0, user } from './fixtures.js';
import { request } from './requestsConformance.js';

const erase = { username: 'deleted_0001', displayName: 'Deleted user', at: T0 + 50, by: null };

function report(id: string, reporterId: string, createdAt: number): ReportRow {
  return { id, reporterId, target: { kind: 'user', userId: 'x' }, targetKey: `x-${id}`, reportedUserId: 'x', conversationId: null, reason: 'spam', note: '', context: [], room: null, state: 'open', createdAt, resolvedAt: null, resolvedBy: null };
}

async function people(s: () => Store): Promise<void> {
  await s().write(async (tx) => {
    for (const id of ['ada', 'bob', 'cy']) await tx.users.insert({ ...user(id, id, `Name ${id}`), bio: `bio ${id}`, roles: id === 'ada' ? ['operator'] : [] });
    await tx.graph.setFollow('ada', 'bob', true, T0);
    await tx.graph.setFollow('bob', 'ada', true, T0);
    await tx.graph.setFollow('bob', 'cy', true, T0);
    await tx.graph.setBlock('ada', 'cy', true, T0);
    await tx.graph.setBlock('cy', 'ada', true, T0);
    await tx.shadows.insert({ id: 's1', conversationId: 'd1', senderId: 'ada', afterSeq: 0, clientMessageId: 'c1', text: 'hidden', entities: [], createdAt: T0 });
    await tx.shadows.insert({ id: 's2', conversationId: 'd1', senderId: 'cy', afterSeq: 0, clientMessageId: 'c2', text: 'theirs', entities: [], createdAt: T0 });
  });
}

export function accountsConformance(s: () => Store): void {
  describe('accounts', () => {
    it('erases a profile and its graph both ways, frees the username, and keeps the row', async () => {
      await people(s);
      expect(await s().read.accounts.deletedAt('ada')).toBeNull();
      expect(await s().write((tx) => tx.accounts.erase('ada', erase))).toBe(true);
      expect(await s().read.accounts.deletedAt('ada')).toBe(T0 + 50);
      const row = await s().read.users.byId('ada');
      expect(row).toMatchObject({ id: 'ada', username: 'deleted_0001', displayName: 'Deleted user', bio: '', roles: [], whoCanMessage: 'nobody', suspendedAt: T0 + 50 });
      expect(row!.passwordHash).not.toBe('hash-ada');
      expect(await s().read.users.byUsername('ada')).toBeNull();
      expect((await s().read.users.search('name ada', 10)).map((u) => u.id)).toEqual([]);
      expect((await s().read.users.search('deleted', 10)).map((u) => u.id)).toEqual([]);
      // Anyone may take the old username.
      await s().write((tx) => tx.users.insert(user('ada2', 'ADA')));
      expect(await s().read.graph.isFollowing('ada', 'bob')).toBe(false);
      expect(await s().read.graph.isFollowing('bob', 'ada')).toBe(false);
      expect(await s().read.graph.isFollowing('bob', 'cy')).toBe(true);
      expect(await s().read.graph.isBlocked('ada', 'cy')).toBe(false);
      expect(await s().read.graph.isBlocked('cy', 'ada')).toBe(false);
      expect(await s().read.shadows.byClientId('d1', 'ada', 'c1')).toBeNull();
      expect(await s().read.shadows.byClientId('d1', 'cy', 'c2')).not.toBeNull();
      expect((await s().read.users.byId('bob'))!.bio).toBe('bio bob');
    });

    it('erases once: a second erase changes nothing and says so', async () => {
      await people(s);
      await s().write((tx) => tx.accounts.erase('ada', erase));
      expect(await s().write((tx) => tx.accounts.erase('ada', { ...erase, username: 'deleted_0002', at: T0 + 99 }))).toBe(false);
      expect(await s().read.accounts.deletedAt('ada')).toBe(T0 + 50);
      expect((await s().read.users.byId('ada'))!.username).toBe('deleted_0001');
    });

    it('lists a user\'s sessions newest first, pending requests sent oldest first, and reports filed newest first', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('ada'));
        await tx.users.insert(user('bob'));
        for (const [id, at] of [['s1', T0], ['s2', T0 + 2], ['s3', T0 + 1]] as const) await tx.sessions.insert({ id, userId: 'ada', tokenHash: `h-${id}`, createdAt: at, expiresAt: at + 10, revokedAt: null });
        await tx.sessions.insert({ id: 'sb', userId: 'bob', tokenHash: 'h-sb', createdAt: T0, expiresAt: T0 + 10, revokedAt: null });
        await tx.requests.put(request('c2', 'bob', 'ada', { createdAt: T0 + 2 }));
        await tx.requests.put(request('c1', 'cy', 'ada', { createdAt: T0 + 1 }));
        await tx.requests.put(request('c3', 'dan', 'ada', { state: 'accepted' }));
        await tx.requests.put(request('c4', 'ada', 'bob'));
        await tx.reports.insert(report('r1', 'ada', T0 + 1));
        await tx.reports.insert(report('r2', 'ada', T0 + 3));
        await tx.reports.insert(report('r3', 'bob', T0 + 2));
      });
      expect((await s().read.accounts.sessionsOf('ada')).map((x) => x.id)).toEqual(['s2', 's3', 's1']);
      expect((await s().read.accounts.pendingRequestsFrom('ada', 10)).map((r) => r.conversationId)).toEqual(['c1', 'c2']);
      expect((await s().read.accounts.pendingRequestsFrom('ada', 1)).map((r) => r.conversationId)).toEqual(['c1']);
      expect((await s().read.accounts.reportsBy('ada', 10)).map((r) => r.id)).toEqual(['r2', 'r1']);
    });

    it('tells which sessions are still live: not revoked, not expired, user not suspended', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('ada'));
        await tx.users.insert(user('bob'));
        const sess = (id: string, userId: string, extra: { expiresAt?: number; revokedAt?: number | null } = {}) => tx.sessions.insert({ id, userId, tokenHash: `h-${id}`, createdAt: T0, expiresAt: extra.expiresAt ?? T0 + 100, revokedAt: extra.revokedAt ?? null });
        await sess('live', 'ada');
        await sess('revoked', 'ada', { revokedAt: T0 + 1 });
        await sess('expired', 'ada', { expiresAt: T0 + 10 });
        await sess('suspended', 'bob');
        await tx.users.update('bob', { suspendedAt: T0 });
      });
      expect((await s().read.accounts.liveSessionIds(['live', 'revoked', 'expired', 'suspended', 'missing'], T0 + 10)).sort()).toEqual(['live']);
      expect(await s().read.accounts.liveSessionIds([], T0)).toEqual([]);
    });

    it('uses a password reset token once, before it expires; a new token replaces an unused one', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('ada'));
        await tx.accounts.createPasswordReset({ tokenHash: 't1', userId: 'ada', expiresAt: T0 + 10 });
        await tx.accounts.createPasswordReset({ tokenHash: 't2', userId: 'ada', expiresAt: T0 + 10 });
        await tx.accounts.createPasswordReset({ tokenHash: 't3', userId: 'ada', expiresAt: T0 + 5 });
      });
      expect(await s().write((tx) => tx.accounts.usePasswordReset('t1', T0))).toBeNull();
      expect(await s().write((tx) => tx.accounts.usePasswordReset('t2', T0))).toBeNull();
      expect(await s().write((tx) => tx.accounts.usePasswordReset('t3', T0 + 5))).toBeNull();
      await s().write((tx) => tx.accounts.createPasswordReset({ tokenHash: 't4', userId: 'ada', expiresAt: T0 + 10 }));
      const uses = await Promise.all([s().write((tx) => tx.accounts.usePasswordReset('t4', T0)), s().write((tx) => tx.accounts.usePasswordReset('t4', T0))]);
      expect(uses.sort()).toEqual(['ada', null].sort());
      await s().write((tx) => tx.accounts.setPasswordHash('ada', 'new-hash'));
      expect((await s().read.users.byId('ada'))!.passwordHash).toBe('new-hash');
    });

    it('counts and deletes messages and shadow messages older than a cutoff, in bounded batches', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('c1'), null);
        for (let seq = 1; seq <= 5; seq++) await tx.messages.insert({ ...message('c1', seq, 'ada'), createdAt: T0 + seq * 10 });
        for (const [i, at] of [[1, T0 + 5], [2, T0 + 45]] as const) await tx.shadows.insert({ id: `s${i}`, conversationId: 'c1', senderId: 'bob', afterSeq: 0, clientMessageId: `cs${i}`, text: 'x', entities: [], createdAt: at });
      });
      expect(await s().read.accounts.countMessagesBefore(T0 + 30)).toBe(3);
      expect(await s().write((tx) => tx.accounts.deleteMessagesBefore(T0 + 30, 1))).toBe(2);
      expect(await s().write((tx) => tx.accounts.deleteMessagesBefore(T0 + 30, 10))).toBe(1);
      expect(await s().write((tx) => tx.accounts.deleteMessagesBefore(T0 + 30, 10))).toBe(0);
      expect((await s().read.messages.history('c1', { limit: 10 })).map((m) => m.seq)).toEqual([3, 4, 5]);
      expect(await s().read.accounts.countMessagesBefore(T0 + 1000)).toBe(4);
    });

    it('lists operators by username', async () => {
      await s().write(async (tx) => {
        await tx.users.insert({ ...user('u1', 'zed'), roles: ['operator'] });
        await tx.users.insert({ ...user('u2', 'Amy'), roles: ['x', 'operator'] });
        await tx.users.insert({ ...user('u3', 'bo'), roles: ['operators'] });
        await tx.users.insert(user('u4', 'cat'));
      });
      expect((await s().read.accounts.operators()).map((u) => u.username)).toEqual(['Amy', 'zed']);
    });

    it('counts users (deleted ones apart), conversations, messages and open reports', async () => {
      await people(s);
      await s().write(async (tx) => {
        await tx.users.update('bob', { suspendedAt: T0 });
        await tx.accounts.erase('cy', erase);
        await tx.reports.insert(report('r1', 'bob', T0));
      });
      expect(await s().read.accounts.stats()).toEqual({ users: 2, suspended: 1, deleted: 1, conversations: 0, messages: 0, roomMessages: 0, liveRooms: 0, openReports: 1 });
    });
  });
}
