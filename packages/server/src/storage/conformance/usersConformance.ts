/** Conformance: users, sessions, invites, follows and blocks. */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function usersConformance(s: () => Store): void {
  describe('users', () => {
    it('stores a user and finds it by id, by username in any case, and by ids in input order', async () => {
      const u = { ...user('u1', 'Ada', 'Ada Lovelace'), roles: ['admin'], bio: 'math', suspendedAt: null };
      await s().write((tx) => tx.insertUser(u));
      await s().write((tx) => tx.insertUser(user('u2', 'bob')));
      expect(await s().read.userById('u1')).toEqual(u);
      expect(await s().read.userByUsername('aDA')).toEqual(u);
      expect(await s().read.userByUsername('nobody')).toBeNull();
      expect(await s().read.userById('nope')).toBeNull();
      expect((await s().read.usersByIds(['u2', 'missing', 'u1'])).map((x) => x.id)).toEqual(['u2', 'u1']);
      expect(await s().read.usersByIds([])).toEqual([]);
    });

    it('rejects a username that differs only in case, and writes nothing', async () => {
      await s().write((tx) => tx.insertUser(user('u1', 'Ada')));
      const err = await s().write((tx) => tx.insertUser(user('u2', 'ADA'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('username');
      expect(await s().read.userById('u2')).toBeNull();
    });

    it('updates only the patched fields', async () => {
      await s().write((tx) => tx.insertUser(user('u1', 'ada', 'Ada')));
      await s().write((tx) => tx.updateUser('u1', { displayName: 'Countess', whoCanMessage: 'following', roles: ['mod'], suspendedAt: T0 + 5 }));
      const u = (await s().read.userById('u1'))!;
      expect(u).toMatchObject({ username: 'ada', displayName: 'Countess', bio: '', whoCanMessage: 'following', roles: ['mod'], suspendedAt: T0 + 5 });
      await s().write((tx) => tx.updateUser('u1', { suspendedAt: null, bio: 'b' }));
      expect(await s().read.userById('u1')).toMatchObject({ displayName: 'Countess', bio: 'b', suspendedAt: null });
      await s().write((tx) => tx.updateUser('u1', {}));
    });

    it('searches by username or display-name prefix, case-insensitively, each user once, within the limit', async () => {
      await s().write(async (tx) => {
        await tx.insertUser(user('u1', 'alice', 'Alice A'));
        await tx.insertUser(user('u2', 'bob', 'Alfred B'));
        await tx.insertUser(user('u3', 'carol', 'Carol'));
        await tx.insertUser(user('u4', 'alan', 'Zed'));
      });
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      expect(ids(await s().read.searchUsers('AL', 10))).toEqual(['u1', 'u2', 'u4']);
      expect(ids(await s().read.searchUsers('car', 10))).toEqual(['u3']);
      expect(ids(await s().read.searchUsers('zed', 10))).toEqual(['u4']);
      expect(await s().read.searchUsers('xyz', 10)).toEqual([]);
      expect(await s().read.searchUsers('a', 2)).toHaveLength(2);
      // A display-name change is searchable at once.
      await s().write((tx) => tx.updateUser('u3', { displayName: 'Quentin' }));
      expect(ids(await s().read.searchUsers('qu', 10))).toEqual(['u3']);
      expect(await s().read.searchUsers('car', 10)).toHaveLength(1); // still by username
    });

    it('matches the start of any word of a name, never the middle, and follows renames', async () => {
      await s().write(async (tx) => {
        await tx.insertUser(user('u1', 'ben_o', 'Ben Okafor'));
        await tx.insertUser(user('u2', 'mj', 'Mary-Jane Watson'));
        await tx.insertUser(user('u3', 'ana.lima', 'Ana  Paula'));
        await tx.insertUser(user('u4', 'zoe', 'Zoë Ökafor'));
      });
      const ids = async (q: string) => (await s().read.searchUsers(q, 10)).map((r) => r.id).sort();
      expect(await ids('okafor')).toEqual(['u1']);
      expect(await ids('OKA')).toEqual(['u1']);
      expect(await ids('ökaf')).toEqual(['u4']);
      expect(await ids('kafor')).toEqual([]);
      expect(await ids('ben oka')).toEqual(['u1']); // the whole name from its start, as before
      expect(await ids('jane')).toEqual(['u2']);
      expect(await ids('wat')).toEqual(['u2']);
      expect(await ids('mary-jane w')).toEqual(['u2']);
      expect(await ids('paula')).toEqual(['u3']);
      expect(await ids('lima')).toEqual(['u3']); // words of a username too
      expect(await ids('o')).toEqual(['u1']);
      // Wildcards are literal.
      expect(await ids('%')).toEqual([]);
      expect(await ids('_')).toEqual([]);
      await s().write((tx) => tx.updateUser('u1', { displayName: 'Benedict Adeyemi' }));
      expect(await ids('okafor')).toEqual([]);
      expect(await ids('adey')).toEqual(['u1']);
      expect(await ids('ben_o')).toEqual(['u1']);
      // One result per person, however many of their words match.
      await s().write((tx) => tx.insertUser(user('u5', 'anna', 'Anna Annabel Ann')));
      expect(await ids('ann')).toEqual(['u5']);
      expect(await ids('an')).toEqual(['u3', 'u5']);
    });
  });

  describe('sessions', () => {
    it('finds a session by token hash and revokes it once', async () => {
      await s().write(async (tx) => {
        await tx.insertUser(user('u1'));
        await tx.insertSession({ id: 's1', userId: 'u1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      });
      expect(await s().read.sessionByTokenHash('h1')).toEqual({ id: 's1', userId: 'u1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      expect(await s().read.sessionByTokenHash('nope')).toBeNull();
      await s().write((tx) => tx.revokeSession('s1', T0 + 10));
      await s().write((tx) => tx.revokeSession('s1', T0 + 20));
      expect((await s().read.sessionByTokenHash('h1'))!.revokedAt).toBe(T0 + 10);
    });

    it('revokes every live session of a user and returns only those ids', async () => {
      await s().write(async (tx) => {
        await tx.insertUser(user('u1'));
        await tx.insertUser(user('u2'));
        for (const [id, uid] of [['a', 'u1'], ['b', 'u1'], ['c', 'u1'], ['d', 'u2']] as const) {
          await tx.insertSession({ id, userId: uid, tokenHash: `h${id}`, createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
        }
        await tx.revokeSession('a', T0 + 1);
      });
      const ids = await s().write((tx) => tx.revokeUserSessions('u1', T0 + 2));
      expect(ids.sort()).toEqual(['b', 'c']);
      expect((await s().read.sessionByTokenHash('ha'))!.revokedAt).toBe(T0 + 1);
      expect((await s().read.sessionByTokenHash('hb'))!.revokedAt).toBe(T0 + 2);
      expect((await s().read.sessionByTokenHash('hd'))!.revokedAt).toBeNull();
      expect(await s().write((tx) => tx.revokeUserSessions('u1', T0 + 3))).toEqual([]);
    });
  });

  describe('invites', () => {
    it('consumes an invite exactly once, even when two writers race', async () => {
      await s().write((tx) => tx.insertInvite('code1', T0));
      const results = await Promise.all([
        s().write((tx) => tx.consumeInvite('code1', 'u1', T0 + 1)),
        s().write((tx) => tx.consumeInvite('code1', 'u2', T0 + 2)),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await s().write((tx) => tx.consumeInvite('code1', 'u3', T0 + 3))).toBe(false);
      expect(await s().write((tx) => tx.consumeInvite('missing', 'u3', T0 + 3))).toBe(false);
    });

    it('rejects a duplicate invite code', async () => {
      await s().write((tx) => tx.insertInvite('code1', T0));
      const err = await s().write((tx) => tx.insertInvite('code1', T0)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('invite');
    });
  });

  describe('follows and blocks', () => {
    it('follows idempotently, counts and lists both directions, and unfollows', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.insertUser(user(id));
        await tx.setFollow('a', 'b', true, T0);
        await tx.setFollow('a', 'b', true, T0 + 1);
        await tx.setFollow('c', 'b', true, T0 + 2);
        await tx.setFollow('b', 'a', true, T0 + 3);
      });
      expect(await s().read.isFollowing('a', 'b')).toBe(true);
      expect(await s().read.isFollowing('b', 'c')).toBe(false);
      expect(await s().read.followCounts('b')).toEqual({ followers: 2, following: 1 });
      expect((await s().read.followers('b', 10)).map((u) => u.id).sort()).toEqual(['a', 'c']);
      expect(await s().read.followers('b', 1)).toHaveLength(1);
      expect((await s().read.following('a', 10)).map((u) => u.id)).toEqual(['b']);
      await s().write((tx) => tx.setFollow('a', 'b', false, T0 + 4));
      await s().write((tx) => tx.setFollow('a', 'b', false, T0 + 5));
      expect(await s().read.isFollowing('a', 'b')).toBe(false);
      expect(await s().read.followCounts('b')).toEqual({ followers: 1, following: 1 });
    });

    it('blocks idempotently, one direction only, and unblocks', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.insertUser(user(id));
        await tx.setBlock('a', 'b', true, T0);
        await tx.setBlock('a', 'b', true, T0 + 1);
        await tx.setBlock('a', 'c', true, T0 + 2);
      });
      expect(await s().read.isBlocked('a', 'b')).toBe(true);
      expect(await s().read.isBlocked('b', 'a')).toBe(false);
      expect((await s().read.blockedBy('a', 10)).map((u) => u.id).sort()).toEqual(['b', 'c']);
      await s().write((tx) => tx.setBlock('a', 'b', false, T0 + 3));
      expect(await s().read.isBlocked('a', 'b')).toBe(false);
      expect((await s().read.blockedBy('a', 10)).map((u) => u.id)).toEqual(['c']);
    });
  });
}
