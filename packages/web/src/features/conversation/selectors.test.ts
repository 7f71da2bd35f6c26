import { describe, expect, it } from 'vitest';
import { conversation, ME, message } from '../../test/fixtures.js';
import { initialState, reduce, type State } from '../../app/state.js';
import { buildRows, seenMessageId, typingNames } from './selectors.js';

function stateWith(...convs: ReturnType<typeof conversation>[]): State {
  const s = reduce(initialState, { type: 'session.started', me: ME });
  return reduce(s, { type: 'conversations.loaded', list: 'inbox', conversations: convs });
}

describe('buildRows', () => {
  it('groups by sender within 5 minutes, splits on days and system notes, appends pending to my group', () => {
    const msgs = [
      message(1, { createdAt: '2021-07-01T10:00:00.000Z' }),
      message(2, { createdAt: '2021-07-01T10:01:00.000Z' }),
      message(3, { createdAt: '2021-07-01T10:02:00.000Z', senderId: 'me' }),
      message(4, { createdAt: '2021-07-01T10:03:00.000Z', kind: 'system', system: { action: 'renamed', actorId: 'me', title: 'x' } }),
      message(5, { createdAt: '2021-07-03T10:00:00.000Z', senderId: 'me' }),
    ];
    const pending = [{ clientMessageId: 'p', conversationId: 'c1', text: 'hi', state: 'pending' as const, createdAt: '2021-07-03T10:01:00.000Z' }];
    const rows = buildRows(msgs, pending, 'me');
    expect(rows.map((r) => r.kind)).toEqual(['day', 'group', 'group', 'system', 'day', 'group']);
    const last = rows[rows.length - 1];
    expect(last?.kind === 'group' && [last.messages.length, last.pending.length]).toEqual([1, 1]);
  });
});

describe('seen and typing', () => {
  it('"Seen" marks my last message once the other member read past it', () => {
    let s = stateWith(conversation({ lastSeq: 2 }));
    s = reduce(s, { type: 'history.loaded', conversationId: 'c1', messages: [message(1, { senderId: 'me' }), message(2, { senderId: 'me' })], hasMore: false, older: false });
    const c = s.inbox.conversations['c1']!;
    expect(seenMessageId(s, c)).toBeNull();
    s = reduce(s, { type: 'event', now: 0, event: { type: 'read.updated', pos: 'p1', data: { conversationId: 'c1', userId: 'bob', seq: 1 } } });
    expect(seenMessageId(s, c)).toBeNull();
    s = reduce(s, { type: 'event', now: 0, event: { type: 'read.updated', pos: 'p2', data: { conversationId: 'c1', userId: 'bob', seq: 2 } } });
    expect(seenMessageId(s, c)).toBe('m2');
  });
  it('typing hints expire', () => {
    const s = reduce(stateWith(conversation()), { type: 'event', now: 1000, event: { type: 'typing', data: { conversationId: 'c1', userId: 'bob' } } });
    const c = s.inbox.conversations['c1']!;
    expect(typingNames(s, c, 2000)).toEqual(['Bob']);
    expect(typingNames(s, c, 1000 + 60_000)).toEqual([]);
  });
});

