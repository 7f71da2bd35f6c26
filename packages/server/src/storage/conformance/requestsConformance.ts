/**
 * Conformance: the requests port (storage/ports/requests.ts): request rows,
 * the one-pending-per-pair rule, the counts behind the anti-abuse budgets and the expiry sweep
 * (docs/subsystems/message-requests.md). Mutual follows: graphConformance.ts.
 */
import { describe, expect, it } from 'vitest';
import type { RequestRow } from '../store.js';
import { UniqueViolation, type Store } from '../store.js';
import { T0 } from './fixtures.js';

export function request(conversationId: string, recipientId: string, senderId: string, extra: Partial<RequestRow> = {}): RequestRow {
  return { conversationId, recipientId, senderId, state: 'pending', createdAt: T0, resolvedAt: null, messagesSent: 0, expiresAt: T0 + 1000, ...extra };
}

export function requestsConformance(s: () => Store): void {
  describe('message requests', () => {
    it('stores a request, replaces it by (conversation, recipient), and reads it back exactly', async () => {
      const r = request('c1', 'bob', 'ada', { messagesSent: 2 });
      await s().write((tx) => tx.requests.put(r));
      expect(await s().read.requests.of('c1', 'bob')).toEqual(r);
      expect(await s().read.requests.of('c1', 'ada')).toBeNull();
      expect(await s().read.requests.of('c2', 'bob')).toBeNull();
      const resolved = { ...r, state: 'accepted' as const, resolvedAt: T0 + 5, messagesSent: 3 };
      await s().write((tx) => tx.requests.put(resolved));
      expect(await s().read.requests.of('c1', 'bob')).toEqual(resolved);
      // A new request in the same conversation replaces every field, sender included.
      const again = request('c1', 'bob', 'carl', { createdAt: T0 + 9, expiresAt: T0 + 99 });
      await s().write((tx) => tx.requests.put(again));
      expect(await s().read.requests.of('c1', 'bob')).toEqual(again);
    });

    it('sees its own request changes inside the write, and forgets them when the write fails', async () => {
      const seen = await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 'ada'));
        return tx.requests.of('c1', 'bob');
      });
      expect(seen).toEqual(request('c1', 'bob', 'ada'));
      await s()
        .write(async (tx) => {
          await tx.requests.put(request('c1', 'bob', 'ada', { state: 'deleted', resolvedAt: T0 + 1 }));
          await tx.requests.put(request('c2', 'carl', 'ada'));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect(await s().read.requests.of('c1', 'bob')).toEqual(request('c1', 'bob', 'ada'));
      expect(await s().read.requests.of('c2', 'carl')).toBeNull();
    });

    it('lists every request from one person to another, any state and conversation, newest first', async () => {
      await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 'ada', { state: 'deleted', resolvedAt: T0 + 1 }));
        await tx.requests.put(request('c2', 'bob', 'ada', { createdAt: T0 + 2, state: 'blocked' }));
        await tx.requests.put(request('c3', 'bob', 'ada', { createdAt: T0 + 2 }));
        await tx.requests.put(request('c4', 'ada', 'bob'));
        await tx.requests.put(request('c5', 'carl', 'ada'));
      });
      expect((await s().read.requests.between('ada', 'bob')).map((r) => [r.conversationId, r.state])).toEqual([['c3', 'pending'], ['c2', 'blocked'], ['c1', 'deleted']]);
      expect(await s().read.requests.between('bob', 'ada')).toEqual([request('c4', 'ada', 'bob')]);
      expect(await s().read.requests.between('ada', 'nobody')).toEqual([]);
    });

    it('finds the one pending request between two people, in either conversation, in one direction', async () => {
      await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 'ada', { state: 'deleted', resolvedAt: T0 + 1 }));
        await tx.requests.put(request('c2', 'bob', 'ada', { createdAt: T0 + 2 }));
      });
      expect(await s().read.requests.pendingBetween('ada', 'bob')).toEqual(request('c2', 'bob', 'ada', { createdAt: T0 + 2 }));
      expect(await s().read.requests.pendingBetween('bob', 'ada')).toBeNull();
      expect(await s().read.requests.pendingBetween('ada', 'carl')).toBeNull();
      await s().write((tx) => tx.requests.put(request('c2', 'bob', 'ada', { createdAt: T0 + 2, state: 'accepted', resolvedAt: T0 + 3 })));
      expect(await s().read.requests.pendingBetween('ada', 'bob')).toBeNull();
    });

    it('refuses a second pending request from the same sender to the same recipient', async () => {
      await s().write((tx) => tx.requests.put(request('c1', 'bob', 'ada')));
      const err = await s().write((tx) => tx.requests.put(request('c2', 'bob', 'ada'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect(await s().read.requests.of('c2', 'bob')).toBeNull();
      // Resolved requests do not count, and another sender or recipient is free.
      await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 'ada', { state: 'expired', resolvedAt: T0 + 1 }));
        await tx.requests.put(request('c2', 'bob', 'ada'));
        await tx.requests.put(request('c3', 'bob', 'carl'));
        await tx.requests.put(request('c4', 'carl', 'ada'));
      });
      expect(await s().read.requests.countPendingTo('bob')).toBe(2);
    });

    it('lists and counts pending requests to a user, newest first, ties by conversation id descending', async () => {
      await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 's1', { createdAt: T0 + 1 }));
        await tx.requests.put(request('c2', 'bob', 's2', { createdAt: T0 + 3 }));
        await tx.requests.put(request('c3', 'bob', 's3', { createdAt: T0 + 3 }));
        await tx.requests.put(request('c4', 'bob', 's4', { createdAt: T0 + 2, state: 'accepted', resolvedAt: T0 + 4 }));
        await tx.requests.put(request('c5', 'carl', 's1', { createdAt: T0 + 9 }));
      });
      const ids = (rows: RequestRow[]) => rows.map((r) => r.conversationId);
      expect(ids(await s().read.requests.pendingTo('bob', 10))).toEqual(['c3', 'c2', 'c1']);
      expect(ids(await s().read.requests.pendingTo('bob', 2))).toEqual(['c3', 'c2']);
      expect(await s().read.requests.pendingTo('nobody', 10)).toEqual([]);
      expect(await s().read.requests.countPendingTo('bob')).toBe(3);
      expect(await s().read.requests.countPendingTo('carl')).toBe(1);
      expect(await s().read.requests.countPendingTo('nobody')).toBe(0);
    });

    it('gives a sender’s request times since an instant, oldest first, and their outcomes', async () => {
      const states: Array<[RequestRow['state'], number]> = [
        ['accepted', T0 + 10], ['deleted', T0 + 20], ['blocked', T0 + 30], ['reported', T0 + 40],
        ['expired', T0 + 50], ['pending', T0 + 60], ['accepted', T0 - 100],
      ];
      await s().write(async (tx) => {
        for (const [i, [state, at]] of states.entries()) {
          await tx.requests.put(request(`c${i}`, `r${i}`, 'ada', { state, createdAt: at, resolvedAt: state === 'pending' ? null : at + 1 }));
        }
        await tx.requests.put(request('x', 'r0', 'other', { createdAt: T0 + 15 }));
      });
      expect(await s().read.requests.timesFrom('ada', T0, 100)).toEqual([T0 + 10, T0 + 20, T0 + 30, T0 + 40, T0 + 50, T0 + 60]);
      expect(await s().read.requests.timesFrom('ada', T0 + 20, 2)).toEqual([T0 + 20, T0 + 30]);
      expect(await s().read.requests.timesFrom('ada', T0 + 61, 10)).toEqual([]);
      // answered = not pending and not expired; refused = deleted, blocked or reported.
      expect(await s().read.requests.outcomesFrom('ada', T0)).toEqual({ answered: 4, refused: 3 });
      expect(await s().read.requests.outcomesFrom('ada', T0 - 100)).toEqual({ answered: 5, refused: 3 });
      expect(await s().read.requests.outcomesFrom('nobody', T0)).toEqual({ answered: 0, refused: 0 });
    });

    it('sweeps pending requests whose expiry has come, soonest first', async () => {
      await s().write(async (tx) => {
        await tx.requests.put(request('c1', 'bob', 's1', { expiresAt: T0 + 30 }));
        await tx.requests.put(request('c2', 'bob', 's2', { expiresAt: T0 + 10 }));
        await tx.requests.put(request('c3', 'bob', 's3', { expiresAt: T0 + 20, state: 'deleted', resolvedAt: T0 }));
        await tx.requests.put(request('c4', 'bob', 's4', { expiresAt: T0 + 40 }));
      });
      const ids = async (now: number, limit = 10) => (await s().read.requests.stalePending(now, limit)).map((r) => r.conversationId);
      expect(await ids(T0 + 9)).toEqual([]);
      expect(await ids(T0 + 30)).toEqual(['c2', 'c1']);
      expect(await ids(T0 + 100, 1)).toEqual(['c2']);
      expect((await s().read.requests.stalePending(T0 + 10, 10))[0]).toEqual(request('c2', 'bob', 's2', { expiresAt: T0 + 10 }));
    });
  });
}
