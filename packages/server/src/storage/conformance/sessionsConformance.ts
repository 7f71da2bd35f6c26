/** Conformance: the sessions and invites ports (storage/ports/sessions.ts, invites.ts). */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function sessionsConformance(s: () => Store): void {
  describe('sessions', () => {
    it('finds a session by token hash and revokes it once', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1'));
        await tx.sessions.insert({ id: 's1', userId: 'u1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      });
      expect(await s().read.sessions.byTokenHash('h1')).toEqual({ id: 's1', userId: 'u1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null, label: null, scopes: null });
      expect(await s().read.sessions.byTokenHash('nope')).toBeNull();
      await s().write((tx) => tx.sessions.revoke('s1', T0 + 10));
      await s().write((tx) => tx.sessions.revoke('s1', T0 + 20));
      expect((await s().read.sessions.byTokenHash('h1'))!.revokedAt).toBe(T0 + 10);
    });

    it('revokes every live session of a user and returns only those ids', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1'));
        await tx.users.insert(user('u2'));
        for (const [id, uid] of [['a', 'u1'], ['b', 'u1'], ['c', 'u1'], ['d', 'u2']] as const) {
          await tx.sessions.insert({ id, userId: uid, tokenHash: `h${id}`, createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
        }
        await tx.sessions.revoke('a', T0 + 1);
      });
      const ids = await s().write((tx) => tx.sessions.revokeAllOf('u1', T0 + 2));
      expect(ids.sort()).toEqual(['b', 'c']);
      expect((await s().read.sessions.byTokenHash('ha'))!.revokedAt).toBe(T0 + 1);
      expect((await s().read.sessions.byTokenHash('hb'))!.revokedAt).toBe(T0 + 2);
      expect((await s().read.sessions.byTokenHash('hd'))!.revokedAt).toBeNull();
      expect(await s().write((tx) => tx.sessions.revokeAllOf('u1', T0 + 3))).toEqual([]);
    });

    it('stores API tokens with label and scopes, and lists only the live ones of a user, newest first', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1'));
        await tx.users.insert(user('u2'));
        const row = (id: string, uid: string, at: number, extra: object) => ({ id, userId: uid, tokenHash: `h${id}`, createdAt: at, expiresAt: T0 + 1000, revokedAt: null, ...extra });
        await tx.sessions.insert(row('device', 'u1', T0, {}));
        await tx.sessions.insert(row('t1', 'u1', T0 + 1, { label: 'digest', scopes: ['read'] }));
        await tx.sessions.insert(row('t2', 'u1', T0 + 2, { label: 'bot', scopes: ['read', 'send'] }));
        await tx.sessions.insert(row('t3', 'u1', T0 + 3, { label: 'gone', scopes: ['manage'] }));
        await tx.sessions.insert({ ...row('t4', 'u1', T0 + 4, { label: 'old', scopes: ['read'] }), expiresAt: T0 + 50 });
        await tx.sessions.insert(row('t5', 'u2', T0 + 5, { label: 'theirs', scopes: ['read'] }));
        await tx.sessions.revoke('t3', T0 + 10);
      });
      const live = await s().read.sessions.tokensOf('u1', T0 + 100);
      expect(live.map((t) => [t.id, t.label, t.scopes])).toEqual([
        ['t2', 'bot', ['read', 'send']],
        ['t1', 'digest', ['read']],
      ]);
      expect((await s().read.sessions.tokensOf('u1', T0 + 20)).map((t) => t.id)).toEqual(['t4', 't2', 't1']);
      expect(await s().read.sessions.byTokenHash('ht2')).toMatchObject({ label: 'bot', scopes: ['read', 'send'] });
      expect(await s().read.sessions.byTokenHash('hdevice')).toMatchObject({ label: null, scopes: null });
    });
  });

  describe('invites', () => {
    it('consumes an invite exactly once, even when two writers race', async () => {
      await s().write((tx) => tx.invites.insert('code1', T0));
      const results = await Promise.all([
        s().write((tx) => tx.invites.consume('code1', 'u1', T0 + 1)),
        s().write((tx) => tx.invites.consume('code1', 'u2', T0 + 2)),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await s().write((tx) => tx.invites.consume('code1', 'u3', T0 + 3))).toBe(false);
      expect(await s().write((tx) => tx.invites.consume('missing', 'u3', T0 + 3))).toBe(false);
    });

    it('rejects a duplicate invite code', async () => {
      await s().write((tx) => tx.invites.insert('code1', T0));
      const err = await s().write((tx) => tx.invites.insert('code1', T0)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('invite');
    });
  });
}
