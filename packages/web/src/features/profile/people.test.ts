/**
 * Former members keep their names after a reload (issue 9, item 11): ids that no loaded
 * conversation lists as a member are looked up through the profile endpoint, each at most once
 * per session (batched, deduplicated, cached, failures remembered).
 */
import { BackchannelError } from '@backchannel/sdk';
import type { Message, Profile } from '@backchannel/protocol';
import { describe, expect, it, vi } from 'vitest';
import { AppController, type KeyValueStorage } from '../../app/controller.js';
import { conversation, ME, message } from '../../test/fixtures.js';
import { memberName, systemText } from '../../lib/conversations.js';

const storage = (): KeyValueStorage => {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
};

const profile = (id: string, displayName: string): Profile => ({
  id,
  username: id,
  displayName,
  bio: '',
  createdAt: '2021-07-01T10:00:00.000Z',
  followerCount: 0,
  followingCount: 0,
  followedByMe: false,
  followsMe: false,
  blockedByMe: false,
  canMessage: true,
});

const NAMES: Record<string, string> = { cy: 'Cy Former', dee: 'Dee Gone' };

/** A group whose current members are me and Bob; Cy and Dee wrote earlier and left; "ghost" is suspended. */
function setUp() {
  const controller = new AppController('http://backchannel.test', storage());
  const group = conversation({ kind: 'group', title: 'Road trip', lastSeq: 5 });
  controller.store.dispatch({ type: 'session.started', me: ME });
  controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [group] });
  const page: Message[] = [
    message(1, { senderId: 'cy', text: 'count me in' }),
    message(2, { senderId: 'dee' }),
    message(3, { senderId: 'cy', kind: 'system', text: '', system: { action: 'member_left', actorId: 'cy' } }),
    message(4, { senderId: 'ghost' }),
    message(5, { senderId: 'bob' }),
  ];
  vi.spyOn(controller.client, 'history').mockResolvedValue({ messages: page, hasMore: true });
  const lookups = vi.spyOn(controller.client, 'profile').mockImplementation((id: string) =>
    NAMES[id] ? Promise.resolve(profile(id, NAMES[id])) : Promise.reject(new BackchannelError('not_found', 'No such user.')),
  );
  const name = (id: string) => memberName(controller.store.getState().inbox.conversations['c1'], id, ME.id, controller.store.getState().people.byId);
  return { controller, page, lookups, name };
}

describe('names of former members', () => {
  it('are looked up once each and shown for their messages and system notes', async () => {
    const { controller, page, lookups, name } = setUp();
    expect(name('cy')).toBe('Someone');
    await controller.conversation.openConversation('c1');
    await vi.waitFor(() => expect(name('cy')).toBe('Cy Former'));
    expect(name('dee')).toBe('Dee Gone');
    const state = controller.store.getState();
    expect(systemText(state.inbox.conversations['c1'], page[2]!, ME.id, state.people.byId)).toBe('Cy Former left');
    // Bob is a member: never looked up. Cy appears twice: looked up once.
    expect(lookups.mock.calls.map(([id]) => id).sort()).toEqual(['cy', 'dee', 'ghost']);
  });

  it('are cached: more pages and events with the same people ask nothing again, not even for failures', async () => {
    const { controller, lookups, name } = setUp();
    await controller.conversation.openConversation('c1');
    await vi.waitFor(() => expect(name('dee')).toBe('Dee Gone'));
    await controller.conversation.loadOlder('c1');
    controller.store.dispatch({ type: 'event', now: 0, event: { type: 'message.created', pos: 'p9', data: { message: message(6, { senderId: 'cy' }) } } });
    await Promise.resolve();
    expect(lookups).toHaveBeenCalledTimes(3);
    // Someone the server will not show stays "Someone".
    expect(name('ghost')).toBe('Someone');
  });

  it('are deduplicated while a lookup is in flight', async () => {
    const { controller, lookups } = setUp();
    await Promise.all([controller.conversation.openConversation('c1'), controller.conversation.loadOlder('c1'), controller.conversation.loadOlder('c1')]);
    await vi.waitFor(() => expect(controller.store.getState().people.byId['dee']).toBeDefined());
    expect(lookups.mock.calls.filter(([id]) => id === 'dee')).toHaveLength(1);
  });
});
