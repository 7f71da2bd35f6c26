import { describe, expect, it } from 'vitest';
import type { RequestInfo } from '@backchannel/protocol';
import { conversation, ME } from '../../test/fixtures.js';
import { initialState, reduce, type State } from '../../app/state.js';
import { requestRoomTitle, requestTrustLines, sentRequestNote } from './selectors.js';

function stateWith(...convs: ReturnType<typeof conversation>[]): State {
  const s = reduce(initialState, { type: 'session.started', me: ME });
  return reduce(s, { type: 'conversations.loaded', list: 'inbox', conversations: convs });
}

describe('request trust', () => {
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
  it('puts the room both were in first, and labels a request by the room it came from, else the one both were in', () => {
    const sharedRoom = { roomId: 'r1', title: 'AI Policy', at: '2021-07-01T10:00:00.000Z', youWereOnStage: false, senderWasOnStage: false };
    const met = { ...request(0, 0), trust: { ...request(0, 0).trust, sharedRoom } };
    expect(requestTrustLines(met)[0]).toMatch(/^You were both listeners in “AI Policy” on /);
    expect(requestTrustLines({ ...met, trust: { ...met.trust, sharedRoom: { ...sharedRoom, senderWasOnStage: true } } })[0]).toMatch(/^You were both in “AI Policy” on /);
    const c = (req: RequestInfo) => conversation({ folder: 'requests', request: req });
    expect(requestRoomTitle(c(met))).toEqual({ title: 'AI Policy', from: false });
    expect(requestRoomTitle(c({ ...met, room: { id: 'r2', title: 'Night shift', status: 'live' } }))).toEqual({ title: 'Night shift', from: true });
    expect(requestRoomTitle(c(request(0, 0)))).toBeNull();
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
