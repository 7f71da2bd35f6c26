/**
 * Replies, reactions, edit, unsend, delete for me and keep for reporting, from the outside (HTTP
 * and sockets), with the privacy rules: a pending request's reader and blocked people learn
 * nothing. docs/subsystems/messages.md. Runs on both backends (the `pg` project).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableEvent, Message, Reaction, Report } from '@backchannel/protocol';
import { TestClock } from '../../testing/clock.js';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid } from '../requests/requests.test-helpers.js';

let server: TestServer;
const clock = new TestClock();
beforeAll(async () => {
  server = await startTestServer({ reactionsPerMinute: 30 }, { clock });
});
afterAll(() => server.close());

const path = (c: string, m: string) => `/v1/conversations/${c}/messages/${m}`;
const send = (u: TestUser, c: string, text: string, replyToId?: string) => api<{ message: Message }>(server, u, 'POST', `/v1/conversations/${c}/messages`, { clientMessageId: cmid(), text, ...(replyToId ? { replyToId } : {}) });
/** Reactions are listed first reaction first: each one a millisecond later. */
const react = (u: TestUser, c: string, m: string, emoji: string, reacted = true) => {
  clock.advance(1);
  return api<{ reactions: Reaction[]; code?: string }>(server, u, 'POST', `${path(c, m)}/reactions`, { emoji, reacted });
};
const hist = async (u: TestUser, c: string) => (await u.client.history(c, { limit: 200 })).messages;

/** A and B in a 1:1 (B follows A: it is in both inboxes). */
async function pair() {
  const [a, b] = [await signupUser(server), await signupUser(server)];
  await b.client.follow(a.id);
  const conv = await a.client.openDirect(b.id);
  return { a, b, conv };
}

async function operator(): Promise<TestUser> {
  const op = await signupUser(server);
  await server.deps.store.write((tx) => tx.users.update(op.id, { roles: ['operator'] }));
  return op;
}

/** Frames of these types that reached the spy after `mark`. */
function got(spy: SpySocket, mark: number, ...types: string[]) {
  return spy.frames.slice(mark).filter((f) => types.includes(f.type)) as DurableEvent[];
}

describe('replies', () => {
  it('quote the message with its author and a snippet, live and in history; an unsent original shows unavailable after reload', async () => {
    const { a, b, conv } = await pair();
    const original = (await send(a, conv.id, 'Are we still on for Friday? '.repeat(10))).body.message;
    const bSpy = await SpySocket.open(server, b.token);
    const sock = await SpySocket.open(server, a.token);
    sock.send({ op: 'message.send', id: 'r1', conversationId: conv.id, clientMessageId: cmid(), text: 'yes', replyToId: original.id });
    const ack = (await sock.waitFor((f) => f.type === 'ack' && f.id === 'r1')) as unknown as { data: { message: Message } };
    expect(ack.data.message.replyTo).toEqual({ messageId: original.id, seq: original.seq, senderId: a.id, snippet: [...original.text].slice(0, 120).join(''), unavailable: false });
    const live = (await bSpy.waitFor((f) => f.type === 'message.created' && (f as DurableEvent & { data: { message: Message } }).data.message.id === ack.data.message.id)) as DurableEvent & { data: { message: Message } };
    expect(live.data.message.replyTo?.messageId).toBe(original.id);
    expect((await hist(b, conv.id)).find((m) => m.id === ack.data.message.id)?.replyTo?.snippet).toBe(ack.data.message.replyTo?.snippet);

    expect((await api(server, a, 'POST', `${path(conv.id, original.id)}/unsend`)).status).toBe(200);
    const reply = (await hist(b, conv.id)).find((m) => m.id === ack.data.message.id)!;
    expect(reply.replyTo).toEqual({ messageId: original.id, seq: original.seq, senderId: a.id, snippet: '', unavailable: true });
    bSpy.close();
    sock.close();
  });

  it('cannot quote a message of another conversation, one you cannot see, a system note or an unsent message', async () => {
    const { a, b, conv } = await pair();
    const other = await pair();
    const elsewhere = (await send(other.a, other.conv.id, 'secret')).body.message;
    const unknown = await send(a, conv.id, 'x', 'no-such-message');
    expect([unknown.status, unknown.body]).toEqual([404, { code: 'not_found', message: 'No such message.' }]);
    const foreign = await send(a, conv.id, 'x', elsewhere.id);
    expect([foreign.status, foreign.body]).toEqual([404, unknown.body]);
    await b.client.follow(a.id);
    const c = await b.client.createGroup({ title: 'g', memberIds: [] }).catch(() => null);
    expect(c).toBeNull(); // a group needs members: use one with a system note
    const group = await a.client.createGroup({ title: 'g', memberIds: [b.id] });
    const note = (await hist(a, group.id))[0]!;
    expect(note.kind).toBe('system');
    expect((await send(a, group.id, 'x', note.id)).body).toMatchObject({ code: 'bad_request', details: { field: 'replyToId' } });
    const gone = (await send(a, conv.id, 'oops')).body.message;
    await api(server, a, 'POST', `${path(conv.id, gone.id)}/unsend`);
    expect((await send(b, conv.id, 'x', gone.id)).body.code).toBe('conflict');
    // Nothing partial: none of the refused replies was stored.
    expect((await hist(a, conv.id)).map((m) => m.text)).toEqual(['']);
  });
});

describe('reactions', () => {
  it('toggle idempotently, list who reacted per emoji, and reach the sender', async () => {
    const { a, b, conv } = await pair();
    const m = (await send(a, conv.id, 'news')).body.message;
    const aSpy = await SpySocket.open(server, a.token);
    const mark = aSpy.frames.length;
    expect((await react(b, conv.id, m.id, '👍')).body.reactions).toEqual([{ emoji: '👍', userIds: [b.id] }]);
    expect((await react(b, conv.id, m.id, '👍')).body.reactions).toEqual([{ emoji: '👍', userIds: [b.id] }]);
    expect((await react(a, conv.id, m.id, '👍')).body.reactions).toEqual([{ emoji: '👍', userIds: [b.id, a.id] }]);
    expect((await react(b, conv.id, m.id, '👨‍👩‍👧')).body.reactions).toEqual([{ emoji: '👍', userIds: [b.id, a.id] }, { emoji: '👨‍👩‍👧', userIds: [b.id] }]);
    expect((await react(b, conv.id, m.id, '👍', false)).body.reactions).toEqual([{ emoji: '👍', userIds: [a.id] }, { emoji: '👨‍👩‍👧', userIds: [b.id] }]);
    expect((await react(b, conv.id, m.id, '👍', false)).status).toBe(200);
    await aSpy.settle();
    // One event per change (the repeats changed nothing), in order.
    const events = got(aSpy, mark, 'message.reaction').map((e) => e.data as { userId: string; emoji: string; reacted: boolean });
    expect(events.map((e) => [e.userId === b.id ? 'b' : 'a', e.emoji, e.reacted])).toEqual([['b', '👍', true], ['a', '👍', true], ['b', '👨‍👩‍👧', true], ['b', '👍', false]]);
    expect((await hist(b, conv.id))[0]!.reactions).toEqual([{ emoji: '👍', userIds: [a.id] }, { emoji: '👨‍👩‍👧', userIds: [b.id] }]);
    aSpy.close();
  });

  it('refuse what is not one emoji, past the caps, on what you cannot see, and a flood (rate_limited)', async () => {
    const { a, b, conv } = await pair();
    const m = (await send(a, conv.id, 'cap me')).body.message;
    for (const bad of ['a', '👍👍', ':)', ' 👍', '👍 ', 'x'.repeat(64)]) expect((await react(b, conv.id, m.id, bad)).body, bad).toMatchObject({ code: 'bad_request', details: { field: 'emoji' } });
    expect((await api(server, b, 'POST', `${path(conv.id, m.id)}/reactions`, { emoji: '👍' })).body).toMatchObject({ code: 'bad_request', details: { field: 'reacted' } });
    for (const e of ['😀', '😁', '😂']) expect((await react(b, conv.id, m.id, e)).status).toBe(200);
    expect((await react(b, conv.id, m.id, '🤣')).body).toMatchObject({ code: 'too_large', details: { max: 3 } });
    const stranger = await signupUser(server);
    expect((await react(stranger, conv.id, m.id, '👍')).body.code).toBe('not_found');
    const other = await pair();
    expect((await react(other.a, conv.id, m.id, '👍')).body.code).toBe('not_found');
    expect((await react(b, conv.id, 'nope', '👍')).body.code).toBe('not_found');
    // Twenty distinct emoji on one message (seven people, three each at most), then the 21st is refused.
    const people = [a, b];
    for (let i = 0; i < 5; i++) {
      const p = await signupUser(server);
      await p.client.follow(a.id);
      people.push(p);
    }
    const group = await a.client.createGroup({ title: 'many', memberIds: people.slice(1).map((p) => p.id) });
    const g = (await send(a, group.id, 'react to me')).body.message;
    const emoji = ['🍎', '🍐', '🍊', '🍋', '🍌', '🍉', '🍇', '🍓', '🫐', '🍈', '🍒', '🍑', '🥭', '🍍', '🥥', '🥝', '🍅', '🍆', '🥑', '🥦', '🥬'];
    for (let i = 0; i < 20; i++) expect((await react(people[i % 7]!, group.id, g.id, emoji[i]!)).status, emoji[i]).toBe(200);
    expect((await react(people[6]!, group.id, g.id, emoji[20]!)).body).toMatchObject({ code: 'too_large', details: { max: 20 } });
    // An emoji already there still takes one more person.
    expect((await react(people[6]!, group.id, g.id, emoji[0]!)).status).toBe(200);
    // The flood: this server allows 30 toggles a minute per person.
    const flood = await signupUser(server);
    await flood.client.follow(a.id);
    const fc = await a.client.openDirect(flood.id);
    const fm = (await send(a, fc.id, 'toggle')).body.message;
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await react(flood, fc.id, fm.id, '👍', i % 2 === 0)).status);
    expect(codes.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(codes.slice(30)).toContain(429);
  });

  it('never leave a pending request, and a block either way hides them live and in history', async () => {
    const sender = await signupUser(server);
    const reader = await signupUser(server);
    const req = await sender.client.openDirect(reader.id);
    const asked = (await send(sender, req.id, 'hi, we met at the talk')).body.message;
    const senderSpy = await SpySocket.open(server, sender.token);
    const mark = senderSpy.frames.length;
    expect((await react(reader, req.id, asked.id, '❤️')).body.code).toBe('forbidden');
    await senderSpy.settle();
    expect(got(senderSpy, mark, 'message.reaction')).toEqual([]);
    expect((await hist(sender, req.id))[0]!.reactions).toEqual([]);

    // A group of a, b, c where c blocked a: a's reactions reach b only; c's never reach a.
    const [a, b, c] = [await signupUser(server), await signupUser(server), await signupUser(server)];
    for (const u of [b, c]) await u.client.follow(a.id);
    const group = await a.client.createGroup({ title: 'g', memberIds: [b.id, c.id] });
    const m = (await send(b, group.id, 'vote')).body.message;
    await c.client.block(a.id);
    const [aSpy, bSpy, cSpy] = await Promise.all([a, b, c].map((u) => SpySocket.open(server, u.token)));
    const marks = [aSpy!, bSpy!, cSpy!].map((s) => s.frames.length);
    await react(a, group.id, m.id, '👍');
    await react(c, group.id, m.id, '👎');
    for (const s of [aSpy!, bSpy!, cSpy!]) await s.settle();
    const seen = (s: SpySocket, i: number) => got(s, marks[i]!, 'message.reaction').map((e) => (e.data as { emoji: string }).emoji);
    expect([seen(aSpy!, 0), seen(bSpy!, 1), seen(cSpy!, 2)]).toEqual([['👍'], ['👍', '👎'], ['👎']]);
    const reactionsOf = async (u: TestUser) => (await hist(u, group.id)).find((x) => x.id === m.id)!.reactions.map((r) => r.emoji);
    expect([await reactionsOf(a), await reactionsOf(b), await reactionsOf(c)]).toEqual([['👍'], ['👍', '👎'], ['👎']]);
    for (const s of [senderSpy, aSpy!, bSpy!, cSpy!]) s.close();
  });
});

describe('edit', () => {
  it('changes the text for everyone with an edited mark; earlier versions only reach a report', async () => {
    const { a, b, conv } = await pair();
    const m = (await send(a, conv.id, 'see you at 5')).body.message;
    const bSpy = await SpySocket.open(server, b.token);
    const mark = bSpy.frames.length;
    const edited = await api<{ message: Message }>(server, a, 'PATCH', path(conv.id, m.id), { text: 'see you at 6 on example.com' });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ id: m.id, seq: m.seq, text: 'see you at 6 on example.com', editedAt: new Date(clock.now()).toISOString() });
    expect(edited.body.message.entities).toEqual([{ type: 'link', offset: 16, length: 11, url: 'https://example.com' }]);
    // The same text again: the same answer, no second event.
    expect((await api<{ message: Message }>(server, a, 'PATCH', path(conv.id, m.id), { text: 'see you at 6 on example.com' })).body.message).toEqual(edited.body.message);
    await bSpy.settle();
    const updates = got(bSpy, mark, 'message.updated');
    expect(updates.map((e) => e.data)).toEqual([{ conversationId: conv.id, messageId: m.id, seq: m.seq, fields: { text: edited.body.message.text, entities: edited.body.message.entities, editedAt: edited.body.message.editedAt } }]);
    const seenByB = (await hist(b, conv.id))[0]!;
    expect(seenByB).toEqual({ ...edited.body.message });
    expect(JSON.stringify(seenByB)).not.toContain('see you at 5');

    const rep = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: m.id }, reason: 'harassment' });
    const op = await operator();
    const report = (await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${rep.body.report.id}`)).body.report;
    expect(report.evidence).toEqual([{ messageId: m.id, source: 'edit', text: 'see you at 5', at: m.createdAt }]);
    bSpy.close();
  });

  it('refuses someone else\'s message, a system note, an unsent message, bad text and the end of the window', async () => {
    const { a, b, conv } = await pair();
    const m = (await send(a, conv.id, 'first')).body.message;
    const edit = (u: TestUser, id: string, text: string, c = conv.id) => api<{ code: string; details?: unknown }>(server, u, 'PATCH', path(c, id), { text });
    expect((await edit(b, m.id, 'mine now')).body.code).toBe('forbidden');
    expect((await edit(a, m.id, '   ')).body.code).toBe('empty_message');
    expect((await edit(a, m.id, 'x'.repeat(4001))).body.code).toBe('too_large');
    expect((await edit(a, m.id, 'a\u202Eb')).body.code).toBe('invalid_text');
    expect((await edit(await signupUser(server), m.id, 'x')).body.code).toBe('not_found');
    const group = await a.client.createGroup({ title: 'g', memberIds: [b.id] });
    expect((await edit(a, (await hist(a, group.id))[0]!.id, 'x', group.id)).body.code).toBe('forbidden');
    const gone = (await send(a, conv.id, 'gone')).body.message;
    await api(server, a, 'POST', `${path(conv.id, gone.id)}/unsend`);
    expect((await edit(a, gone.id, 'back')).body.code).toBe('conflict');
    clock.advance(15 * 60_000 + 1);
    const late = await edit(a, m.id, 'too late');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'too_late', details: { until: new Date(Date.parse(m.createdAt) + 15 * 60_000).toISOString() } });
    expect((await hist(b, conv.id))[0]).toMatchObject({ text: 'first', editedAt: null });
  });
});

describe('unsend', () => {
  it('leaves a tombstone for everyone, live and after reload; is idempotent; erases reactions', async () => {
    const { a, b, conv } = await pair();
    const m = (await send(a, conv.id, 'regret')).body.message;
    await react(b, conv.id, m.id, '😮');
    const bSpy = await SpySocket.open(server, b.token);
    const mark = bSpy.frames.length;
    const first = await api<{ message: Message }>(server, a, 'POST', `${path(conv.id, m.id)}/unsend`);
    const tombstone = { by: 'sender', at: new Date(clock.now()).toISOString() };
    expect(first.body.message).toMatchObject({ id: m.id, text: '', entities: [], reactions: [], tombstone });
    clock.advance(1000);
    expect((await api<{ message: Message }>(server, a, 'POST', `${path(conv.id, m.id)}/unsend`)).body.message).toEqual(first.body.message);
    await bSpy.settle();
    expect(got(bSpy, mark, 'message.updated').map((e) => e.data)).toEqual([{ conversationId: conv.id, messageId: m.id, seq: m.seq, fields: { text: '', entities: [], reactions: [], previews: [], tombstone } }]);
    expect((await hist(b, conv.id))[0]).toEqual(first.body.message);
    expect((await b.client.getConversation(conv.id)).lastMessage?.tombstone).toEqual(tombstone);
    bSpy.close();
  });

  it('lets a group moderator remove others\' messages; refuses others, system notes and the end of the window', async () => {
    const [a, b, c] = [await signupUser(server), await signupUser(server), await signupUser(server)];
    for (const u of [b, c]) await u.client.follow(a.id);
    const group = await a.client.createGroup({ title: 'g', memberIds: [b.id, c.id] });
    const mb = (await send(b, group.id, 'spam spam')).body.message;
    expect((await api(server, c, 'POST', `${path(group.id, mb.id)}/unsend`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(server, a, 'POST', `${path(group.id, (await hist(a, group.id))[0]!.id)}/unsend`)).body).toMatchObject({ code: 'forbidden' });
    const removed = await api<{ message: Message }>(server, a, 'POST', `${path(group.id, mb.id)}/unsend`);
    expect(removed.body.message.tombstone?.by).toBe('moderator');
    expect((await hist(c, group.id)).find((m) => m.id === mb.id)?.tombstone?.by).toBe('moderator');
    const mine = (await send(b, group.id, 'old news')).body.message;
    clock.advance(24 * 3600_000 + 1);
    expect((await api(server, b, 'POST', `${path(group.id, mine.id)}/unsend`)).body).toMatchObject({ code: 'too_late' });
    // The moderator has no window.
    expect((await api(server, a, 'POST', `${path(group.id, mine.id)}/unsend`)).status).toBe(200);
  });
});

describe('evidence copy', () => {
  it('a report filed before the unsend keeps the text; "keep for reporting" survives an unsend into a later report, until it expires', async () => {
    const { a, b, conv } = await pair();
    const early = (await send(a, conv.id, 'threat one')).body.message;
    const rep1 = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: early.id }, reason: 'harassment' });
    await api(server, a, 'POST', `${path(conv.id, early.id)}/unsend`);
    const op = await operator();
    const report = async (id: string) => (await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${id}`)).body.report;
    expect((await report(rep1.body.report.id)).context.map((m) => m.text)).toEqual(['threat one']);

    const later = (await send(a, conv.id, 'threat two')).body.message;
    const kept = await api<{ keptUntil: string }>(server, b, 'POST', `${path(conv.id, later.id)}/keep`);
    expect(kept.body.keptUntil).toBe(new Date(clock.now() + 30 * 86_400_000).toISOString());
    expect((await api(server, b, 'POST', `${path(conv.id, later.id)}/keep`)).body).toEqual(kept.body);
    const aSpy = await SpySocket.open(server, a.token);
    await aSpy.settle();
    const mark = aSpy.frames.length;
    await api(server, a, 'POST', `${path(conv.id, later.id)}/unsend`);
    const rep2 = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: later.id }, reason: 'harassment' });
    const r2 = await report(rep2.body.report.id);
    expect(r2.context.at(-1)).toMatchObject({ id: later.id, text: '', tombstone: { by: 'sender' } });
    expect(r2.evidence).toEqual([{ messageId: later.id, source: 'kept', text: 'threat two', at: new Date(clock.now()).toISOString() }]);
    await aSpy.settle();
    // The sender learns nothing of the keeping or the report.
    expect(got(aSpy, mark, 'message.updated', 'message.created', 'message.reaction', 'message.hidden')).toHaveLength(1);

    expect((await api(server, a, 'POST', `${path(conv.id, (await send(a, conv.id, 'mine')).body.message.id)}/keep`)).body).toMatchObject({ code: 'self_action' });
    // A copy lasts 30 days: a report after that has no evidence.
    const third = (await send(a, conv.id, 'threat three')).body.message;
    await api(server, b, 'POST', `${path(conv.id, third.id)}/keep`);
    await api(server, a, 'POST', `${path(conv.id, third.id)}/unsend`);
    clock.advance(30 * 86_400_000 + 1);
    const rep3 = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: third.id }, reason: 'harassment' });
    expect((await report(rep3.body.report.id)).evidence.filter((e) => e.messageId === third.id)).toEqual([]);
    aSpy.close();
  });
});

describe('delete for me', () => {
  it('hides the message on all of my devices only', async () => {
    const { a, b, conv } = await pair();
    const m1 = (await send(a, conv.id, 'one')).body.message;
    await send(a, conv.id, 'two');
    const [b1, b2, aSpy] = await Promise.all([SpySocket.open(server, b.token), SpySocket.open(server, b.token), SpySocket.open(server, a.token)]);
    await aSpy!.settle();
    const marks = [b1!, b2!, aSpy!].map((s) => s.frames.length);
    expect((await api(server, b, 'POST', `${path(conv.id, m1.id)}/hide`)).body).toEqual({ ok: true });
    expect((await api(server, b, 'POST', `${path(conv.id, m1.id)}/hide`)).body).toEqual({ ok: true });
    for (const s of [b1!, b2!, aSpy!]) await s.settle();
    for (const [i, s] of [b1!, b2!].entries()) expect(got(s, marks[i]!, 'message.hidden').map((e) => e.data)).toEqual([{ conversationId: conv.id, messageId: m1.id, seq: m1.seq }]);
    expect(got(aSpy!, marks[2]!, 'message.hidden', 'message.updated')).toEqual([]);
    expect((await hist(b, conv.id)).map((m) => m.text)).toEqual(['two']);
    expect((await hist(a, conv.id)).map((m) => m.text)).toEqual(['one', 'two']);
    expect((await api(server, await signupUser(server), 'POST', `${path(conv.id, m1.id)}/hide`)).body).toMatchObject({ code: 'not_found' });
    for (const s of [b1!, b2!, aSpy!]) s.close();
  });
});

describe('a silently blocked sender', () => {
  it('replies to, edits and unsends their own undelivered messages as if delivered; the blocker receives nothing', async () => {
    const { a, b, conv } = await pair();
    const fromA = (await send(a, conv.id, 'before')).body.message;
    await a.client.block(b.id);
    const aSpy = await SpySocket.open(server, a.token);
    await aSpy.settle();
    const mark = aSpy.frames.length;
    const shadow = (await send(b, conv.id, 'hello?', fromA.id)).body.message;
    expect(shadow.replyTo?.messageId).toBe(fromA.id);
    const edited = await api<{ message: Message }>(server, b, 'PATCH', path(conv.id, shadow.id), { text: 'hello??' });
    expect(edited.body.message).toMatchObject({ id: shadow.id, text: 'hello??', replyTo: { messageId: fromA.id } });
    const gone = await api<{ message: Message }>(server, b, 'POST', `${path(conv.id, shadow.id)}/unsend`);
    expect(gone.body.message.tombstone?.by).toBe('sender');
    expect((await hist(b, conv.id)).map((m) => [m.text, m.tombstone?.by ?? null])).toEqual([['before', null], ['', 'sender']]);
    await aSpy.settle();
    expect(got(aSpy, mark, 'message.created', 'message.updated', 'message.reaction')).toEqual([]);
    expect((await hist(a, conv.id)).map((m) => m.text)).toEqual(['before']);
    aSpy.close();
  });
});
