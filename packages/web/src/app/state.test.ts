import { describe, expect, it } from 'vitest';
import { conversation, ME, message } from '../test/fixtures.js';
import { TYPING_TTL_MS } from '../features/conversation/state.js';
import { messagesOf } from '../features/conversation/messageIndex.js';
import { initialState, reduce, type Action, type State } from './state.js';

function given(...actions: Action[]): State {
  return actions.reduce(reduce, reduce(initialState, { type: 'session.started', me: ME }));
}
const created = (m: ReturnType<typeof message>, pos = 'p1'): Action => ({ type: 'event', now: 0, event: { type: 'message.created', pos, data: { message: m } } });
const loaded = (c = conversation()): Action => ({ type: 'conversations.loaded', list: 'inbox', conversations: [c] });
const history = (...seqs: number[]): Action => ({ type: 'history.loaded', conversationId: 'c1', messages: seqs.map((s) => message(s)), hasMore: false, older: false });

describe('message.created', () => {
  it('appends to a loaded list, bumps the conversation and counts unread once', () => {
    const s = given(loaded(), history(1), created(message(2)), created(message(2)));
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.seq)).toEqual([1, 2]);
    expect(s.inbox.conversations['c1']).toMatchObject({ lastSeq: 2, unreadCount: 1, lastMessage: { id: 'm2' } });
  });

  it('does not start a partial list for a conversation never opened', () => {
    const s = given(loaded(), created(message(1)));
    expect(s.conversation.messages['c1']).toBeUndefined();
    expect(s.inbox.conversations['c1']!.unreadCount).toBe(1);
  });

  it('my own message clears unread and settles the pending entry with the same clientMessageId', () => {
    const pending: Action = { type: 'outbox.pending', entry: { clientMessageId: 'x1', conversationId: 'c1', text: 'hi', state: 'pending', createdAt: '2021-07-01T10:00:00.000Z' } };
    const s = given(loaded(conversation({ unreadCount: 3, lastSeq: 3 })), history(3), pending, created(message(4, { senderId: 'me', clientMessageId: 'x1' })));
    expect(s.conversation.outbox).toEqual({});
    expect(s.inbox.conversations['c1']).toMatchObject({ unreadCount: 0, readSeq: 4 });
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.id)).toEqual(['m3', 'm4']);
  });

  it('clears the sender’s typing hint', () => {
    const typing: Action = { type: 'event', now: 0, event: { type: 'typing', data: { conversationId: 'c1', userId: 'bob' } } };
    const s1 = given(loaded(), typing);
    expect(s1.conversation.typing['c1']).toEqual({ bob: TYPING_TTL_MS });
    expect(reduce(s1, created(message(1))).conversation.typing['c1']).toEqual({});
  });
});

describe('outbox', () => {
  const entry = { clientMessageId: 'x1', conversationId: 'c1', text: 'hi', state: 'pending' as const, createdAt: '2021-07-01T10:00:00.000Z' };
  it('pending → failed → pending (retry keeps its place) → sent', () => {
    let s = given(loaded(), history(1), { type: 'outbox.pending', entry });
    s = reduce(s, { type: 'outbox.failed', clientMessageId: 'x1', error: 'nope' });
    expect(s.conversation.outbox['x1']).toMatchObject({ state: 'failed', error: 'nope' });
    s = reduce(s, { type: 'outbox.pending', entry: { ...entry, createdAt: '2030-01-01T00:00:00.000Z' } });
    expect(s.conversation.outbox['x1']).toMatchObject({ state: 'pending', createdAt: entry.createdAt });
    s = reduce(s, { type: 'outbox.sent', clientMessageId: 'x1', message: message(2, { senderId: 'me', clientMessageId: 'x1' }) });
    expect(s.conversation.outbox).toEqual({});
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('the ack and the event for one send leave one message', () => {
    const m = message(2, { senderId: 'me', clientMessageId: 'x1' });
    const s = given(loaded(), history(1), { type: 'outbox.pending', entry }, { type: 'outbox.sent', clientMessageId: 'x1', message: m }, created(m));
    expect(messagesOf(s.conversation.messages['c1'])).toHaveLength(2);
  });
});

describe('history', () => {
  it('older pages prepend and decide hasMore; a newer page keeps it', () => {
    let s = given(loaded(), { type: 'history.loaded', conversationId: 'c1', messages: [message(5), message(6)], hasMore: true, older: false });
    s = reduce(s, { type: 'history.loaded', conversationId: 'c1', messages: [message(3), message(4)], hasMore: false, older: true });
    expect(s.conversation.messages['c1']).toMatchObject({ hasMore: false });
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    s = reduce(s, { type: 'history.loaded', conversationId: 'c1', messages: [message(6), message(7)], hasMore: true, older: false });
    expect(s.conversation.messages['c1']!.hasMore).toBe(false);
  });
});

describe('conversation events', () => {
  it('a late HTTP page cannot roll back what the socket already applied', () => {
    const s = given(loaded(), created(message(1)), loaded(conversation({ lastSeq: 0, unreadCount: 0, title: 'new' })));
    expect(s.inbox.conversations['c1']).toMatchObject({ lastSeq: 1, unreadCount: 1, title: 'new' });
  });

  it('updated, settings and left', () => {
    let s = given(loaded(), history(1));
    s = reduce(s, { type: 'event', now: 0, event: { type: 'conversation.updated', pos: 'p1', data: { conversationId: 'c1', title: 'Crew', moderatorId: 'me', members: [], memberCount: 1 } } });
    s = reduce(s, { type: 'event', now: 0, event: { type: 'conversation.settings_updated', pos: 'p2', data: { conversationId: 'c1', muted: true, pinned: true, archived: false } } });
    expect(s.inbox.conversations['c1']).toMatchObject({ title: 'Crew', muted: true, pinned: true });
    s = reduce(s, { type: 'event', now: 0, event: { type: 'conversation.left', pos: 'p3', data: { conversationId: 'c1' } } });
    expect(s.inbox.conversations['c1']).toBeUndefined();
    expect(s.conversation.messages['c1']).toBeUndefined();
  });

  it('read.updated: mine clears the badge, others only move forward', () => {
    let s = given(loaded(conversation({ lastSeq: 4, unreadCount: 2, readSeq: 2 })));
    const read = (userId: string, seq: number): Action => ({ type: 'event', now: 0, event: { type: 'read.updated', pos: 'p9', data: { conversationId: 'c1', userId, seq } } });
    s = reduce(s, read('me', 4));
    expect(s.inbox.conversations['c1']).toMatchObject({ unreadCount: 0, readSeq: 4 });
    s = reduce(reduce(s, read('bob', 3)), read('bob', 2));
    expect(s.conversation.reads['c1']).toEqual({ bob: 3 });
  });
});

describe('people directory', () => {
  it('remembers members after they leave, so system notes can still name them', () => {
    const c = conversation({ kind: 'group' });
    let s = given(loaded(c));
    s = reduce(s, { type: 'event', now: 0, event: { type: 'conversation.updated', pos: 'p1', data: { conversationId: 'c1', title: null, moderatorId: 'me', members: [c.members[0]!], memberCount: 1 } } });
    expect(s.inbox.conversations['c1']!.members).toHaveLength(1);
    expect(s.people.byId['bob']?.displayName).toBe('Bob Byte');
  });

  it('message.removed swaps in the tombstone', () => {
    const tomb = message(1, { text: 'Message removed' });
    const s = given(loaded(conversation({ lastSeq: 1, lastMessage: message(1) })), history(1), { type: 'event', now: 0, event: { type: 'message.removed', pos: 'p2', data: { conversationId: 'c1', messageId: 'm1', seq: 1, message: tomb } } });
    expect(messagesOf(s.conversation.messages['c1'])[0]!.text).toBe('Message removed');
    expect(s.inbox.conversations['c1']!.lastMessage?.text).toBe('Message removed');
  });
});

describe('requests', () => {
  const failed = (code?: string): Action[] => [
    { type: 'outbox.pending', entry: { clientMessageId: 'x1', conversationId: 'c1', text: 'one more', state: 'pending', createdAt: '2021-07-01T10:00:00.000Z' } },
    { type: 'outbox.failed', clientMessageId: 'x1', error: 'wait', ...(code ? { code } : {}) },
  ];
  const accepted: Action = { type: 'event', now: 0, event: { type: 'request.accepted', pos: 'p2', data: { conversationId: 'c1', userId: 'bob' } } };

  it('a request_pending refusal marks my request as waiting; request.accepted clears it', () => {
    const waiting = given(loaded(), ...failed('request_pending'));
    expect(waiting.requests.sent).toEqual({ c1: { state: 'pending' } });
    expect(waiting.conversation.outbox['x1']).toMatchObject({ state: 'failed', error: 'wait' });
    expect(reduce(waiting, accepted).requests.sent).toEqual({ c1: { state: 'accepted', by: 'bob' } });
  });

  it('other refusals say nothing about a request', () => {
    expect(given(loaded(), ...failed('too_large')).requests.sent).toEqual({});
    expect(given(loaded(), ...failed()).requests.sent).toEqual({});
  });

  it('a fresh requests list drops requests answered elsewhere and keeps the inbox', () => {
    const s = given({ type: 'conversations.loaded', list: 'requests', conversations: [conversation({ id: 'r1', folder: 'requests' }), conversation({ id: 'r2', folder: 'requests' })] }, loaded());
    const next = reduce(s, { type: 'requests.listed', conversations: [conversation({ id: 'r2', folder: 'requests' })] });
    expect(Object.keys(next.inbox.conversations).sort()).toEqual(['c1', 'r2']);
    expect(next.inbox.loaded.requests).toBe(true);
  });
});

describe('message.removed', () => {
  it('replaces the message with its tombstone and updates the row preview, idempotently', () => {
    const tomb = message(2, { text: '', tombstone: { by: 'operator', at: '2021-07-01T11:00:00.000Z' } });
    const removed: Action = { type: 'event', now: 0, event: { type: 'message.removed', pos: 'p3', data: { conversationId: 'c1', messageId: 'm2', seq: 2, message: tomb } } };
    const s = given(loaded(conversation({ lastSeq: 2, lastMessage: message(2) })), history(1, 2), removed, removed);
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.tombstone?.by ?? null)).toEqual([null, 'operator']);
    expect(s.inbox.conversations['c1']!.lastMessage?.tombstone?.by).toBe('operator');
  });
});

describe('message.updated, message.reaction, message.hidden', () => {
  const ev = (event: Extract<Action, { type: 'event' }>['event']): Action => ({ type: 'event', now: 0, event });
  it('sets the changed fields on the held message and the row preview', () => {
    const edit = ev({ type: 'message.updated', pos: 'p3', data: { conversationId: 'c1', messageId: 'm2', seq: 2, fields: { text: 'fixed', editedAt: '2021-07-01T11:00:00.000Z' } } });
    const s = given(loaded(conversation({ lastSeq: 2, lastMessage: message(2) })), history(1, 2), edit);
    expect(messagesOf(s.conversation.messages['c1']).map((m) => [m.text, m.editedAt])).toEqual([['message 1', null], ['fixed', '2021-07-01T11:00:00.000Z']]);
    expect(s.inbox.conversations['c1']!.lastMessage?.text).toBe('fixed');
  });
  it('adds and removes one person per emoji, idempotently', () => {
    const r = (userId: string, emoji: string, reacted: boolean, pos: string) => ev({ type: 'message.reaction', pos, data: { conversationId: 'c1', messageId: 'm1', seq: 1, userId, emoji, reacted } });
    const s = given(loaded(conversation({ lastSeq: 1 })), history(1), r('ann', '👍', true, 'a'), r('ann', '👍', true, 'b'), r('bob', '👍', true, 'c'), r('bob', '🎉', true, 'd'), r('ann', '👍', false, 'e'), r('bob', '🎉', false, 'f'));
    expect(messagesOf(s.conversation.messages['c1'])[0]!.reactions).toEqual([{ emoji: '👍', userIds: ['bob'] }]);
  });
  it('drops a message deleted for me', () => {
    const s = given(loaded(conversation({ lastSeq: 2 })), history(1, 2), ev({ type: 'message.hidden', pos: 'p', data: { conversationId: 'c1', messageId: 'm1', seq: 1 } }));
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.id)).toEqual(['m2']);
  });
  it('takes what changed from a page read later (a reload after an unsend)', () => {
    const later: Action = { type: 'history.loaded', conversationId: 'c1', messages: [message(1), message(2, { text: '', tombstone: { by: 'sender', at: '2021-07-01T11:00:00.000Z' } })], hasMore: false, older: false };
    const s = given(loaded(conversation({ lastSeq: 2 })), history(1, 2), later);
    expect(messagesOf(s.conversation.messages['c1']).map((m) => m.tombstone?.by ?? null)).toEqual([null, 'sender']);
  });
});
