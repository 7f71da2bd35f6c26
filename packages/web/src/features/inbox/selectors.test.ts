import { describe, expect, it } from 'vitest';
import { conversation, ME } from '../../test/fixtures.js';
import { initialState, reduce, type State } from '../../app/state.js';
import { conversationsIn } from './selectors.js';

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

