// @vitest-environment jsdom
/**
 * Re-render counts (issue 10 part 5): which components render again when one thing changes. The
 * counters wrap the real components (inside `memo`, so a skipped render is not counted).
 *
 * Measured on the code before the feature slices (whole-state `useAppState()` everywhere), with
 * three inbox rows and three messages: a typing event rendered 3 rows, the list and 3 bubbles; a
 * message in another conversation the same; a message here 6 rows, 2 lists and 8 bubbles. Now:
 * 0 / 0 / 0, 1 row / 0 / 0, and 2 rows / 2 lists / 2 bubbles.
 */
import { act, cleanup, screen } from '@testing-library/react';
import { createElement, memo, type FunctionComponent } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DurableEvent } from '@backchannel/protocol';
import { conversation, ME, message } from '../test/fixtures.js';
import { renderWithController } from '../test/render.js';

const renders = { row: 0, list: 0, bubble: 0 };

type Memo = { $$typeof: symbol; type: FunctionComponent<object>; compare: ((a: object, b: object) => boolean) | null };
function counted<C>(component: C, name: keyof typeof renders): C {
  const memoised = component as unknown as Memo;
  if (typeof component === 'object' && memoised.$$typeof === Symbol.for('react.memo')) return memo(counted(memoised.type, name), memoised.compare ?? undefined) as unknown as C;
  const inner = component as unknown as FunctionComponent<object>;
  return ((props: object) => {
    renders[name]++;
    return inner(props);
  }) as unknown as C;
}

vi.mock('../features/inbox/ConversationRow.js', async (orig) => {
  const m = await orig<typeof import('../features/inbox/ConversationRow.js')>();
  return { ...m, ConversationRow: counted(m.ConversationRow, 'row') };
});
vi.mock('../features/conversation/MessageList.js', async (orig) => {
  const m = await orig<typeof import('../features/conversation/MessageList.js')>();
  return { ...m, MessageList: counted(m.MessageList, 'list') };
});
vi.mock('../features/conversation/MessageBubble.js', async (orig) => {
  const m = await orig<typeof import('../features/conversation/MessageBubble.js')>();
  return { ...m, MessageBubble: counted(m.MessageBubble, 'bubble') };
});
const { BackchannelLayout } = await import('../features/inbox/BackchannelLayout.js');
const { ConversationScreen } = await import('../features/conversation/ConversationScreen.js');

afterEach(cleanup);

/** Ada's inbox with three chats, c1 open beside it with three messages from Bob. */
function open() {
  const { controller } = renderWithController(createElement(BackchannelLayout, { tab: 'inbox', activeId: 'c1' }, createElement(ConversationScreen, { id: 'c1' }) as never) as never);
  vi.spyOn(controller.conversation, 'openConversation').mockResolvedValue(conversation());
  act(() => {
    controller.store.dispatch({ type: 'session.started', me: ME });
    controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [conversation({ lastSeq: 3 }), conversation({ id: 'c2' }), conversation({ id: 'c3' })] });
    controller.store.dispatch({ type: 'history.loaded', conversationId: 'c1', messages: [message(1), message(2), message(3)], hasMore: false, older: false });
  });
  return controller;
}

/** What rendered while `fn` ran. */
function count(fn: () => void): typeof renders {
  renders.row = renders.list = renders.bubble = 0;
  act(fn);
  return { ...renders };
}

const event = (e: DurableEvent) => e;

describe('what re-renders', () => {
  let controller: ReturnType<typeof open>;
  beforeEach(() => {
    controller = open();
  });

  it('a typing event re-renders neither the inbox rows nor the message list, only the hint', () => {
    const n = count(() => controller.store.dispatch({ type: 'event', event: { type: 'typing', data: { conversationId: 'c1', userId: 'bob' } }, now: Date.now() }));
    expect(screen.getByTestId('typing').textContent).toContain('Bob is typing…');
    expect(n).toEqual({ row: 0, list: 0, bubble: 0 });
  });

  it('a message in another conversation re-renders that row only', () => {
    const n = count(() => controller.receive(event({ type: 'message.created', pos: 'p1', data: { message: message(1, { id: 'x1', conversationId: 'c2' }) } })));
    expect(screen.getByRole('link', { name: 'Bob Byte, 1 unread' })).toBeTruthy();
    expect(n).toEqual({ row: 1, list: 0, bubble: 0 });
  });

  it('a message here renders its own bubble and the one the tab stop leaves, not the others', () => {
    const n = count(() => controller.receive(event({ type: 'message.created', pos: 'p2', data: { message: message(4) } })));
    expect(screen.getAllByTestId('message')).toHaveLength(4);
    // The new bubble, and m3, which stops being the list's tab stop (the newest is).
    expect(n.bubble).toBe(2);
    // c1's row (new last message), and again when being at the bottom marks it read.
    expect(n).toEqual({ row: 2, list: 2, bubble: 2 });
  });

  it('a removed message re-renders that one bubble', () => {
    const n = count(() => controller.receive(event({ type: 'message.removed', pos: 'p3', data: { conversationId: 'c1', messageId: 'm2', seq: 2, message: message(2, { text: '', tombstone: { by: 'operator', at: '2021-07-01T11:00:00.000Z' } }) } })));
    expect(screen.getAllByTestId('message').filter((m) => m.dataset.removed === 'true')).toHaveLength(1);
    expect(n.bubble).toBe(1);
    expect(n.row).toBe(0);
  });
});
