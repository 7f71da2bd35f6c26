/**
 * Conformance: the event log (outbox + every device's stream) and group-commit semantics.
 * The stream rules are in ports/events.ts and ports/members.ts: a conversation event reaches exactly
 * the users who were members when it was appended; a user event reaches that user only; a write
 * reads committed events only, never its own or its batch's.
 */
import { describe, expect, it } from 'vitest';
import type { EventRow, Store } from '../store.js';
import { T0, conversation, convEvent, expectAscendingGapless, member, recordCommits, tags, user, userEvent } from './fixtures.js';

export function eventsConformance(s: () => Store): void {
  const stream = async (userId: string, after = 0, limit = 100) => tags(await s().read.events.streamAfter(userId, after, limit));

  describe('streams', () => {
    it('shows a member exactly the conversation events appended while a member, plus their own', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.members.add(member('g1', 'owner'));
      });
      await s().write((tx) => tx.events.append(convEvent('g1', 'before-join')));
      await s().write(async (tx) => {
        await tx.members.add(member('g1', 'u'));
        await tx.events.append(userEvent('u', 'joined', 'g1'));
        await tx.events.append(convEvent('g1', 'while-1'));
      });
      await s().write(async (tx) => {
        await tx.events.append(convEvent('other', 'other-conversation'));
        await tx.events.append(userEvent('owner', 'owners-own'));
        await tx.events.append(convEvent('g1', 'while-2'));
        // In the same write, an event appended before the removal is seen, one after is not.
        await tx.events.append(convEvent('g1', 'last-seen'));
        await tx.members.remove('g1', 'u');
        await tx.events.append(convEvent('g1', 'after-leave-same-write'));
        await tx.events.append(userEvent('u', 'left', 'g1'));
      });
      await s().write((tx) => tx.events.append(convEvent('g1', 'while-away')));
      await s().write((tx) => tx.members.add(member('g1', 'u')));
      await s().write((tx) => tx.events.append(convEvent('g1', 'after-rejoin')));

      expect(await stream('u')).toEqual(['joined', 'while-1', 'while-2', 'last-seen', 'left', 'after-rejoin']);
      expect(await stream('owner')).toEqual([
        'before-join', 'while-1', 'owners-own', 'while-2', 'last-seen', 'after-leave-same-write', 'while-away', 'after-rejoin',
      ]);
      expect(await stream('stranger')).toEqual([]);
      const all = await s().read.events.streamAfter('u', 0, 100);
      expect(all.map((e) => e.pos)).toEqual([...all.map((e) => e.pos)].sort((a, b) => a - b));
    });

    it('resumes after a cursor and respects the limit', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.members.add(member('g1', 'u'));
        for (let i = 1; i <= 6; i++) await tx.events.append(i % 2 ? convEvent('g1', `e${i}`) : userEvent('u', `e${i}`));
      });
      const all = await s().read.events.streamAfter('u', 0, 100);
      expect(tags(all)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
      expect(await stream('u', all[1]!.pos, 2)).toEqual(['e3', 'e4']);
      expect(await stream('u', all[5]!.pos, 2)).toEqual([]);
      const first = all[0]!;
      expect(first).toEqual({ pos: first.pos, type: 'conversation.updated', conversationId: 'g1', userId: null, payload: { tag: 'e1' }, createdAt: T0 });
    });

    it('sees events again after a removal and re-add with no event in between', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        // An empty membership (joined and left at the same position) must not block the re-add.
        await tx.members.add(member('g1', 'u'));
        await tx.members.remove('g1', 'u');
        await tx.members.add(member('g1', 'u'));
        await tx.events.append(convEvent('g1', 'a'));
      });
      await s().write(async (tx) => {
        await tx.members.remove('g1', 'u');
        await tx.members.add(member('g1', 'u'));
      });
      await s().write(async (tx) => {
        await tx.members.add(member('g1', 'u')); // adding a current member again changes nothing
        await tx.events.append(convEvent('g1', 'b'));
      });
      expect(await stream('u')).toEqual(['a', 'b']);
    });

    it('reports the head and every event after a position, in order', async () => {
      expect(await s().read.events.headPos()).toBe(0);
      expect(await s().read.events.allAfter(0, 10)).toEqual([]);
      await s().write(async (tx) => {
        for (let i = 1; i <= 5; i++) await tx.events.append(convEvent('g1', `e${i}`));
      });
      const head = await s().read.events.headPos();
      const all = await s().read.events.allAfter(0, 10);
      expectAscendingGapless(all, 0);
      expect(head).toBe(all[4]!.pos);
      expect(tags(await s().read.events.allAfter(all[1]!.pos, 2))).toEqual(['e3', 'e4']);
      expect(await s().read.events.allAfter(head, 10)).toEqual([]);
    });

    it('shows a write committed events only: not its own, not those of the other writes of its batch', async () => {
      await s().write(async (tx) => {
        await tx.users.insert(user('u'));
        await tx.events.append(userEvent('u', 'before'));
      });
      const head = await s().read.events.headPos();
      const inside = async (tx: Parameters<Parameters<Store['write']>[0]>[0]) => ({
        head: await tx.events.headPos(),
        stream: tags(await tx.events.streamAfter('u', 0, 10)),
        log: tags(await tx.events.allAfter(0, 10)),
      });
      // Issued in one turn: the writes share one group-commit batch on every backend.
      const [own, batchMate] = await Promise.all([
        s().write(async (tx) => {
          await tx.events.append(userEvent('u', 'mine'));
          return inside(tx);
        }),
        s().write(inside),
      ]);
      const committedOnly = { head, stream: ['before'], log: ['before'] };
      expect(own).toEqual(committedOnly);
      expect(batchMate).toEqual(committedOnly);
      // After COMMIT the event is there, for reads and for the next write.
      expect(await s().read.events.headPos()).toBe(head + 1);
      expect(await stream('u')).toEqual(['before', 'mine']);
      expect(await s().write(inside)).toEqual({ head: head + 1, stream: ['before', 'mine'], log: ['before', 'mine'] });
    });
  });

  describe('group commit', () => {
    it('rolls back a failing write alone; the others commit and publish, in pos order', async () => {
      const commits = recordCommits(s());
      const fail = new Error('work failed');
      const results = await Promise.allSettled([
        s().write(async (tx) => {
          await tx.users.insert(user('a'));
          await tx.events.append(userEvent('a', 'a1'));
          return 'a';
        }),
        s().write(async (tx) => {
          await tx.users.insert(user('b'));
          await tx.events.append(userEvent('b', 'b1'));
          throw fail;
        }),
        s().write(async (tx) => {
          await tx.users.insert(user('c'));
          await tx.events.append(userEvent('c', 'c1'));
          await tx.events.append(userEvent('c', 'c2'));
          return 'c';
        }),
      ]);
      expect(results).toEqual([
        { status: 'fulfilled', value: 'a' },
        { status: 'rejected', reason: fail },
        { status: 'fulfilled', value: 'c' },
      ]);
      expect(await s().read.users.byId('b')).toBeNull();
      expect(await s().read.users.byId('a')).not.toBeNull();
      const published = commits.flat();
      expect(tags(published)).toEqual(['a1', 'c1', 'c2']);
      expectAscendingGapless(published, 0);
      expect(await s().read.events.allAfter(0, 10)).toEqual(published);
    });

    it('isolates failures first, last and back to back in one batch, and a lone failing write', async () => {
      const commits = recordCommits(s());
      const plan = [false, true, true, false, true, false, false, true];
      const results = await Promise.allSettled(
        plan.map((fails, i) =>
          s().write(async (tx) => {
            await tx.users.insert(user(`p${i}`));
            await tx.events.append(userEvent(`p${i}`, `p${i}`));
            if (fails) throw new Error(`fail ${i}`);
            return i;
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(plan.map((f) => (f ? 'rejected' : 'fulfilled')));
      for (const [i, fails] of plan.entries()) expect(await s().read.users.byId(`p${i}`)).toEqual(fails ? null : user(`p${i}`));
      expect(tags(commits.flat())).toEqual(['p0', 'p3', 'p5', 'p6']);
      await expect(s().write(async (tx) => {
        await tx.users.insert(user('alone'));
        throw new Error('alone');
      })).rejects.toThrow('alone');
      expect(await s().read.users.byId('alone')).toBeNull();
      expect(await s().write((tx) => tx.users.insert(user('after')).then(() => 'ok'))).toBe('ok');
      expectAscendingGapless(commits.flat(), 0);
    });

    it('keeps keyed writes of many conversations gapless, published in pos order, seqs in commit order', async () => {
      const commits = recordCommits(s());
      const ids = Array.from({ length: 12 }, (_, i) => `k${i}`);
      await s().write(async (tx) => {
        for (const id of ids) await tx.conversations.insert(conversation(id), null);
      });
      const wave = () =>
        Promise.all(
          Array.from({ length: 240 }, (_, i) => {
            const c = ids[i % ids.length]!;
            return s().write(async (tx) => {
              const seq = await tx.conversations.nextSeq(c, T0);
              await tx.events.append({ ...convEvent(c, `${c}:${seq}`), payload: { tag: `${c}:${seq}`, seq } });
              return seq;
            }, { key: c });
          }),
        );
      await wave();
      await wave();
      const published = commits.flat();
      expectAscendingGapless(published, 0);
      expect(await s().read.events.allAfter(0, 1000)).toEqual(published);
      for (const c of ids) {
        const seqs = published.filter((e) => e.conversationId === c).map((e) => (e.payload as { seq: number }).seq);
        expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      }
    });

    it('never publishes or stores the events of a write that rolled back', async () => {
      const commits = recordCommits(s());
      await s().write(async (tx) => {
        await tx.events.append(userEvent('u', 'doomed'));
        throw new Error('nope');
      }).catch(() => undefined);
      expect(commits).toEqual([]);
      expect(await s().read.events.headPos()).toBe(0);
      await s().write((tx) => tx.events.append(userEvent('u', 'kept')));
      expect(commits.flat().map((e) => e.pos)).toEqual([1]);
    });

    it('reports committed events only once they are readable, and resolves writes only after', async () => {
      const checks: Promise<EventRow[]>[] = [];
      const st = s();
      st.onCommitted((events) => void checks.push(st.read.events.allAfter(events[0]!.pos - 1, events.length)));
      const value = await st.write(async (tx) => {
        await tx.users.insert(user('x'));
        await tx.events.append(userEvent('x', 'hello'));
        return 42;
      });
      expect(value).toBe(42);
      expect(await st.read.users.byId('x')).not.toBeNull();
      expect(checks).toHaveLength(1);
      expect(tags(await checks[0]!)).toEqual(['hello']);
    });

    it('keeps positions gapless and unique across many concurrent writes, each event published once', async () => {
      const commits = recordCommits(s());
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          s().write(async (tx) => {
            await tx.events.append(userEvent(`u${i % 7}`, `w${i}-1`));
            if (i % 13 === 0) throw new Error('some writes fail');
            await tx.events.append(userEvent(`u${i % 7}`, `w${i}-2`));
          }).catch(() => undefined),
        ),
      );
      const published = commits.flat();
      expect(published).toHaveLength((200 - 16) * 2);
      expectAscendingGapless(published, 0);
      for (const batch of commits) expectAscendingGapless(batch, batch[0]!.pos - 1);
      expect(await s().read.events.allAfter(0, 1000)).toEqual(published);
      expect(await s().read.events.headPos()).toBe(published.length);
    });
  });
}
