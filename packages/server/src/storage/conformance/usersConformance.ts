/** Conformance: the users port (storage/ports/users.ts). */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function usersConformance(s: () => Store): void {
  describe('users', () => {
    it('stores a user and finds it by id, by username in any case, and by ids in input order', async () => {
      const u = { ...user('u1', 'Ada', 'Ada Lovelace'), roles: ['admin'], bio: 'math', suspendedAt: null };
      await s().write((tx) => tx.users.insert(u));
      await s().write((tx) => tx.users.insert(user('u2', 'bob')));
      expect(await s().read.users.byId('u1')).toEqual(u);
      expect(await s().read.users.byUsername('aDA')).toEqual(u);
      expect(await s().read.users.byUsername('nobody')).toBeNull();
      expect(await s().read.users.byId('nope')).toBeNull();
      expect((await s().read.users.byIds(['u2', 'missing', 'u1'])).map((x) => x.id)).toEqual(['u2', 'u1']);
      expect(await s().read.users.byIds([])).toEqual([]);
    });

    it('rejects a username that differs only in case, and writes nothing', async () => {
      await s().write((tx) => tx.users.insert(user('u1', 'Ada')));
      const err = await s().write((tx) => tx.users.insert(user('u2', 'ADA'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('username');
      expect(await s().read.users.byId('u2')).toBeNull();
    });

    it('updates only the patched fields', async () => {
      await s().write((tx) => tx.users.insert(user('u1', 'ada', 'Ada')));
      await s().write((tx) => tx.users.update('u1', { displayName: 'Countess', whoCanMessage: 'following', roles: ['mod'], suspendedAt: T0 + 5 }));
      const u = (await s().read.users.byId('u1'))!;
      expect(u).toMatchObject({ username: 'ada', displayName: 'Countess', bio: '', whoCanMessage: 'following', roles: ['mod'], suspendedAt: T0 + 5 });
      await s().write((tx) => tx.users.update('u1', { suspendedAt: null, bio: 'b' }));
      expect(await s().read.users.byId('u1')).toMatchObject({ displayName: 'Countess', bio: 'b', suspendedAt: null });
      await s().write((tx) => tx.users.update('u1', {}));
    });

    it('searches by username or display-name prefix, case-insensitively, each user once, within the limit', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1', 'alice', 'Alice A'));
        await tx.users.insert(user('u2', 'bob', 'Alfred B'));
        await tx.users.insert(user('u3', 'carol', 'Carol'));
        await tx.users.insert(user('u4', 'alan', 'Zed'));
      });
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      expect(ids(await s().read.users.search('AL', 10))).toEqual(['u1', 'u2', 'u4']);
      expect(ids(await s().read.users.search('car', 10))).toEqual(['u3']);
      expect(ids(await s().read.users.search('zed', 10))).toEqual(['u4']);
      expect(await s().read.users.search('xyz', 10)).toEqual([]);
      expect(await s().read.users.search('a', 2)).toHaveLength(2);
      // A display-name change is searchable at once.
      await s().write((tx) => tx.users.update('u3', { displayName: 'Quentin' }));
      expect(ids(await s().read.users.search('qu', 10))).toEqual(['u3']);
      expect(await s().read.users.search('car', 10)).toHaveLength(1); // still by username
    });

    it('matches the start of any word of a name, never the middle, and follows renames', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1', 'ben_o', 'Ben Okafor'));
        await tx.users.insert(user('u2', 'mj', 'Mary-Jane Watson'));
        await tx.users.insert(user('u3', 'ana.lima', 'Ana  Paula'));
        await tx.users.insert(user('u4', 'zoe', 'Zoë Ökafor'));
      });
      const ids = async (q: string) => (await s().read.users.search(q, 10)).map((r) => r.id).sort();
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
      await s().write((tx) => tx.users.update('u1', { displayName: 'Benedict Adeyemi' }));
      expect(await ids('okafor')).toEqual([]);
      expect(await ids('adey')).toEqual(['u1']);
      expect(await ids('ben_o')).toEqual(['u1']);
      // One result per person, however many of their words match.
      await s().write((tx) => tx.users.insert(user('u5', 'anna', 'Anna Annabel Ann')));
      expect(await ids('ann')).toEqual(['u5']);
      expect(await ids('an')).toEqual(['u3', 'u5']);
    });
  });
}
