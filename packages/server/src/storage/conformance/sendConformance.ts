/**
 * Conformance: the send path's domain-sized methods, `messages.sendContext` (every read of a send in one
 * call) and `messages.append` (seq + message + the sender's read marker in one step). They must
 * answer exactly what the finer methods they replace would (ports/messages.ts).
 */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, directKey, type MessageRow, type Store } from '../store.js';
import { T0, conversation, member, message, user } from './fixtures.js';
import { request } from './requestsConformance.js';

const draft = (conversationId: string, senderId: string, clientMessageId: string | null, at = T0 + 100): Omit<MessageRow, 'seq'> => {
  const { seq: _seq, ...rest } = message(conversationId, 0, senderId, clientMessageId);
  return { ...rest, id: `m-${conversationId}-${clientMessageId ?? Math.random()}`, createdAt: at };
};

export function sendConformance(s: () => Store): void {
  describe('send context', () => {
    it('answers nothing for an unknown conversation or a stranger', async () => {
      expect(await s().read.messages.sendContext('missing', 'ada', 'cm')).toEqual({ original: null, shadow: null, conversation: null, member: null, direct: null });
      await s().write((tx) => tx.conversations.insert(conversation('g1'), null));
      expect(await s().read.messages.sendContext('g1', 'ada', 'cm')).toEqual({ original: null, shadow: null, conversation: conversation('g1'), member: null, direct: null });
    });

    it('finds the sender’s membership and an earlier message, else shadow message, with the same client id', async () => {
      const m = { ...message('g1', 1, 'ada', 'cm-1'), entities: [{ type: 'link', offset: 0, length: 5, url: 'https://x.test' }] as never };
      const sh = { id: 's1', conversationId: 'g1', senderId: 'ada', afterSeq: 1, clientMessageId: 'cm-2', text: 'quiet', entities: [], createdAt: T0 + 2 };
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.members.add(member('g1', 'ada', { readSeq: 1, pinned: true }));
        await tx.messages.insert(m);
        await tx.shadows.insert(sh);
        await tx.shadows.insert({ ...sh, id: 's2', clientMessageId: 'cm-1' });
      });
      const c = await s().read.messages.sendContext('g1', 'ada', 'cm-1');
      expect(c).toEqual({ original: m, shadow: null, conversation: conversation('g1'), member: member('g1', 'ada', { readSeq: 1, pinned: true }), direct: null });
      expect((await s().read.messages.sendContext('g1', 'ada', 'cm-2')).shadow).toEqual(sh);
      expect(await s().read.messages.sendContext('g1', 'bob', 'cm-1')).toMatchObject({ original: null, shadow: null, member: null });
      // Inside a write it sees the write's own changes.
      const inTx = await s().write(async (tx) => {
        await tx.messages.insert(message('g1', 2, 'ada', 'cm-3'));
        return tx.messages.sendContext('g1', 'ada', 'cm-3');
      });
      expect(inTx.original).toEqual(message('g1', 2, 'ada', 'cm-3'));
    });

    it('tells a 1:1 sender about the other person: blocks both ways, membership and request', async () => {
      await s().write(async (tx) => {
        for (const id of ['ada', 'bob', 'carl']) await tx.users.insert(user(id));
        await tx.conversations.insert(conversation('d1', 'direct'), directKey('bob', 'ada'));
        await tx.members.add(member('d1', 'ada'));
      });
      const plain = { otherId: 'bob', blockedByOther: false, blocksOther: false, otherMember: null, requestToOther: null };
      expect((await s().read.messages.sendContext('d1', 'ada', 'cm')).direct).toEqual(plain);
      expect((await s().read.messages.sendContext('d1', 'bob', 'cm')).direct).toEqual({ ...plain, otherId: 'ada', otherMember: member('d1', 'ada') });
      // Someone outside the pair gets no 1:1 facts.
      expect((await s().read.messages.sendContext('d1', 'carl', 'cm')).direct).toBeNull();
      await s().write(async (tx) => {
        await tx.graph.setBlock('bob', 'ada', true, T0);
        await tx.members.add(member('d1', 'bob', { folder: 'requests', addedBy: 'ada' }));
        await tx.requests.put(request('d1', 'bob', 'ada', { messagesSent: 2 }));
        await tx.requests.put(request('d1', 'ada', 'bob', { state: 'deleted', resolvedAt: T0 }));
        await tx.graph.setBlock('carl', 'ada', true, T0); // not the other person: irrelevant
      });
      expect((await s().read.messages.sendContext('d1', 'ada', 'cm')).direct).toEqual({
        otherId: 'bob',
        blockedByOther: true,
        blocksOther: false,
        otherMember: member('d1', 'bob', { folder: 'requests', addedBy: 'ada' }),
        requestToOther: request('d1', 'bob', 'ada', { messagesSent: 2 }),
      });
      expect((await s().read.messages.sendContext('d1', 'bob', 'cm')).direct).toMatchObject({ blockedByOther: false, blocksOther: true });
    });
  });

  describe('append message', () => {
    it('takes the next seq, stores the message, bumps activity, and moves the sender’s read marker when asked', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.members.add(member('g1', 'ada'));
        await tx.members.add(member('g1', 'bob'));
        await tx.conversations.nextSeq('g1', T0 + 1);
      });
      const d = draft('g1', 'ada', 'cm-1', T0 + 50);
      expect(await s().write((tx) => tx.messages.append(d, { senderRead: true }))).toBe(2);
      expect(await s().read.messages.bySeq('g1', 2)).toEqual({ ...d, seq: 2 });
      expect(await s().read.conversations.byId('g1')).toMatchObject({ lastSeq: 2, lastActivityAt: T0 + 50 });
      expect(await s().read.members.get('g1', 'ada')).toMatchObject({ readSeq: 2 });
      expect(await s().read.members.get('g1', 'bob')).toMatchObject({ readSeq: 0 });
      expect(await s().write((tx) => tx.messages.append(draft('g1', 'bob', null, T0 + 60)))).toBe(3);
      expect(await s().read.members.get('g1', 'bob')).toMatchObject({ readSeq: 0 });
      await expect(s().write((tx) => tx.messages.append(draft('missing', 'ada', 'x')))).rejects.toThrow();
    });

    it('rejects a client-id clash as a UniqueViolation, and the failed write consumes no seq', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.members.add(member('g1', 'ada'));
        await tx.messages.append(draft('g1', 'ada', 'cm-1'));
      });
      const err = await s().write((tx) => tx.messages.append({ ...draft('g1', 'ada', 'cm-1'), id: 'other-id' }, { senderRead: true })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('client_message_id');
      expect(await s().write((tx) => tx.messages.append(draft('g1', 'ada', 'cm-2')))).toBe(2);
      expect((await s().read.messages.history('g1', { limit: 10 })).map((m) => m.clientMessageId)).toEqual(['cm-1', 'cm-2']);
      expect(await s().read.members.get('g1', 'ada')).toMatchObject({ readSeq: 0 });
    });

    it('keeps the writes of one batch apart: clashes, and failures before any statement, undo only themselves', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.messages.append(draft('g1', 'ada', 'dup'));
      });
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          s().write(async (tx) => {
            if (i % 5 === 4) throw new Error('before any statement');
            const c = await tx.messages.sendContext('g1', 'ada', i % 3 === 0 ? 'dup' : `cm-${i}`);
            return tx.messages.append(draft('g1', 'ada', c.original ? 'dup' : `cm-${i}`));
          }, { key: 'g1' }),
        ),
      );
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(failed.filter((e) => e instanceof UniqueViolation)).toHaveLength(8); // i = 0, 3, 6, …, 27 except 9, 24 (thrown first)
      expect(failed.filter((e) => !(e instanceof UniqueViolation))).toHaveLength(6);
      expect(ok.sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
      expect((await s().read.messages.history('g1', { limit: 100 })).map((m) => m.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    });

    it('hands out contiguous seqs under many concurrent appends', async () => {
      await s().write((tx) => tx.conversations.insert(conversation('g1'), null));
      const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => s().write((tx) => tx.messages.append(draft('g1', `u${i % 5}`, `cm-${i}`)))));
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      const history = await s().read.messages.history('g1', { limit: 500 });
      expect(history.map((m) => m.seq)).toEqual(seqs);
    });
  });
}
