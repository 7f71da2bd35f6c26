/** Conformance: single-use socket tickets (storage/ports/socketTickets.ts, docs/adr/0002-socket-auth-on-upgrade.md). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function socketTicketsConformance(s: () => Store): void {
  describe('socket tickets', () => {
    const session = { id: 's1', userId: 'u1', tokenHash: 'h1', createdAt: T0, expiresAt: T0 + 86_400_000, revokedAt: null, label: null, scopes: null };
    const seed = () =>
      s().write(async (tx) => {
        await tx.users.insert(user('u1'));
        await tx.sessions.insert(session);
      });

    it('hands a ticket its session once, and never after it expired', async () => {
      await seed();
      await s().write((tx) => tx.socketTickets.insert({ tokenHash: 't1', sessionId: 's1', expiresAt: T0 + 30_000 }, T0));
      await s().write((tx) => tx.socketTickets.insert({ tokenHash: 't2', sessionId: 's1', expiresAt: T0 + 30_000 }, T0));
      expect(await s().write((tx) => tx.socketTickets.consume('t1', T0 + 1000))).toEqual(session);
      expect(await s().write((tx) => tx.socketTickets.consume('t1', T0 + 1000))).toBeNull();
      expect(await s().write((tx) => tx.socketTickets.consume('unknown', T0 + 1000))).toBeNull();
      expect(await s().write((tx) => tx.socketTickets.consume('t2', T0 + 30_000))).toBeNull();
    });

    it('gives a ticket to one of two writers consuming it at once', async () => {
      await seed();
      await s().write((tx) => tx.socketTickets.insert({ tokenHash: 't1', sessionId: 's1', expiresAt: T0 + 30_000 }, T0));
      const both = await Promise.all([0, 1].map(() => s().write((tx) => tx.socketTickets.consume('t1', T0 + 1))));
      expect(both.filter((x) => x !== null)).toHaveLength(1);
    });

    it('drops expired tickets when storing a new one', async () => {
      await seed();
      await s().write((tx) => tx.socketTickets.insert({ tokenHash: 'old', sessionId: 's1', expiresAt: T0 + 30_000 }, T0));
      await s().write((tx) => tx.socketTickets.insert({ tokenHash: 'new', sessionId: 's1', expiresAt: T0 + 90_000 }, T0 + 60_000));
      // Even a consumer whose clock lags cannot use the dropped ticket.
      expect(await s().write((tx) => tx.socketTickets.consume('old', T0))).toBeNull();
      expect(await s().write((tx) => tx.socketTickets.consume('new', T0 + 60_001))).toEqual(session);
    });
  });
}
