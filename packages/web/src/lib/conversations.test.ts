import { describe, expect, it } from 'vitest';
import { conversation, ME, message } from '../test/fixtures.js';
import { blockedMemberNames, conversationTitle, systemText } from './conversations.js';
import { buildRows, seenMessageId, typingNames } from '../features/conversation/selectors.js';
import { conversationsIn } from '../features/inbox/selectors.js';
import { requestTrustLines, sentRequestNote } from '../features/requests/selectors.js';
import { initialState, reduce, type State } from '../app/state.js';

function stateWith(...convs: ReturnType<typeof conversation>[]): State {
  const s = reduce(initialState, { type: 'session.started', me: ME });
  return reduce(s, { type: 'conversations.loaded', list: 'inbox', conversations: convs });
}

describe('inbox tabs', () => {
  it('pinned first, then newest activity; archived and requests elsewhere', () => {
    const s = stateWith(
      conversation({ id: 'old', lastActivityAt: '2021-07-01T09:00:00.000Z' }),
      conversation({ id: 'new', lastActivityAt: '2021-07-02T09:00:00.000Z' }),
      conversation({ id: 'pin', pinned: true, lastActivityAt: '2021-06-01T09:00:00.000Z' }),
      conversation({ id: 'arch', archived: true }),
      conversation({ id: 'req', folder: 'requests' }),
    );
    expect(conversationsIn(s, 'inbox').map((c) => c.id)).toEqual(['pin', 'new', 'old']);
    expect(conversationsIn(s, 'archived').map((c) => c.id)).toEqual(['arch']);
    expect(conversationsIn(s, 'requests').map((c) => c.id)).toEqual(['req']);
  });
});

describe('titles and system notes', () => {
  const group = conversation({
    kind: 'group',
    members: [ME, { id: 'b', username: 'b', displayName: 'Bea Bo' }, { id: 'c', username: 'c', displayName: 'Cy' }],
  });
  it('direct shows the other person; untitled groups list names', () => {
    expect(conversationTitle(conversation(), 'me')).toBe('Bob Byte');
    expect(conversationTitle(group, 'me')).toBe('Bea Bo, Cy');
    expect(conversationTitle({ ...group, title: 'Crew' }, 'me')).toBe('Crew');
  });
  it('system messages read as sentences', () => {
    const sys = message(1, { kind: 'system', text: '', system: { action: 'member_added', actorId: 'me', targetIds: ['b', 'c'] } });
    expect(systemText(group, sys, 'me')).toBe('You added Bea Bo, Cy');
    const renamed = message(2, { kind: 'system', text: '', system: { action: 'renamed', actorId: 'b', title: 'Crew' } });
    expect(systemText(group, renamed, 'me')).toBe('Bea Bo renamed the group to “Crew”');
  });
});

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

describe('request trust and blocked members', () => {
  const request = (mutualFollowCount: number, accountAgeDays: number) => ({
    senderId: 'bob',
    createdAt: '2021-07-01T10:00:00.000Z',
    expiresAt: '2021-07-31T10:00:00.000Z',
    linksInert: true as const,
    blurMedia: true as const,
    trust: { mutualFollowCount, mutualFollows: mutualFollowCount ? [{ id: 'b', username: 'b', displayName: 'Bea Bo' }] : [], accountCreatedAt: '2021-06-01T10:00:00.000Z', accountAgeDays },
  });
  it('phrases mutual follows and account age', () => {
    expect(requestTrustLines(request(0, 0))).toEqual(['No one you follow follows them', 'New account · joined today']);
    expect(requestTrustLines(request(1, 1))).toEqual(['Followed by Bea Bo, whom you follow', 'New account · joined 1 day ago']);
    expect(requestTrustLines(request(3, 12))[0]).toBe('Followed by Bea Bo and 2 others you follow');
    expect(requestTrustLines(request(2, 400))[1]).toMatch(/^Joined /);
  });
  it('names blocked members of a group', () => {
    expect(blockedMemberNames(conversation({ kind: 'group', blockedMemberIds: ['bob'] }))).toEqual(['Bob Byte']);
    expect(blockedMemberNames(conversation())).toEqual([]);
  });
});

describe('the sender’s note on a request', () => {
  const ben = { id: 'ben', username: 'ben', displayName: 'Ben Okafor' };
  const cy = { id: 'cy', username: 'cy', displayName: 'Cy Twombly' };
  const group = conversation({ kind: 'group', title: 'Repro group chat', members: [ME, ben, cy] });
  const direct = conversation({ id: 'd1', members: [ME, ben] });
  const pending = (id: string) => [
    { type: 'outbox.pending', entry: { clientMessageId: `x-${id}`, conversationId: id, text: 'one more', state: 'pending', createdAt: '2021-07-01T10:00:00.000Z' } },
    { type: 'outbox.failed', clientMessageId: `x-${id}`, error: 'wait', code: 'request_pending' },
  ] as const;
  const accepted = (conversationId: string, userId: string) => ({ type: 'event', now: 0, event: { type: 'request.accepted', pos: 'p2', data: { conversationId, userId } } }) as const;
  const given = (...actions: Parameters<typeof reduce>[1][]) => actions.reduce(reduce, stateWith(group, direct));

  it('names the person who accepted, in a group too (not the first word of the title)', () => {
    const s = given(...pending('c1'), accepted('c1', 'cy'));
    expect(sentRequestNote(s, s.inbox.conversations['c1']!)).toEqual({ state: 'accepted', text: 'Cy accepted your message request. Chat away!' });
  });

  it('names the other person in a 1:1, and says "they" while a group request waits', () => {
    expect(sentRequestNote(given(...pending('d1')), direct)?.text).toBe('Your message request is waiting. You can send more once Ben accepts it.');
    expect(sentRequestNote(given(...pending('c1')), group)?.text).toBe('Your message request is waiting. You can send more once they accept it.');
    const s = given(...pending('d1'), accepted('d1', 'ben'));
    expect(sentRequestNote(s, direct)?.text).toBe('Ben accepted your message request. Chat away!');
    expect(sentRequestNote(given(), direct)).toBeNull();
  });
});
