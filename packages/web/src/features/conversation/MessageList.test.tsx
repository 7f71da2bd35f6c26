// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '@backchannel/protocol';
import { conversation, ME, message } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import type { AppController } from '../../app/controller.js';
import { ConversationScreen } from './ConversationScreen.js';
import { MessageList } from './MessageList.js';

afterEach(cleanup);

// Four messages from Bob, more than 5 minutes apart so each shows its own meta (Copy, Report).
const FOUR = [1, 7, 13, 19].map((minute, i) => message(i + 1, { createdAt: new Date(Date.UTC(2021, 6, 1, 10, minute)).toISOString() }));

function load(controller: AppController, c: Conversation = conversation({ lastSeq: 4 })) {
  act(() => {
    controller.store.dispatch({ type: 'session.started', me: ME });
    controller.store.dispatch({ type: 'conversations.loaded', list: c.folder === 'requests' ? 'requests' : 'inbox', conversations: [c] });
    controller.store.dispatch({ type: 'history.loaded', conversationId: c.id, messages: FOUR.map((m) => ({ ...m, conversationId: c.id })), hasMore: false, older: false });
  });
}

/** What Tab can reach inside the list: focusable elements whose tabIndex is not negative. */
function tabStops(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>('a[href], button, [tabindex]')].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled);
}

describe('the message list', () => {
  it('is one tab stop, on the newest message, however many messages and buttons it holds', () => {
    const { controller } = renderWithController(<MessageList conversation={conversation({ lastSeq: 4 })} />);
    load(controller);
    const list = screen.getByRole('list', { name: 'Messages' });
    expect(screen.getAllByRole('button', { name: 'More actions' })).toHaveLength(4);
    const stops = tabStops(list);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.textContent).toContain('message 4');
  });

  it('moves with the arrow keys, Home and End, and reaches a message’s actions with Right', () => {
    const { controller } = renderWithController(<MessageList conversation={conversation({ lastSeq: 4 })} />);
    load(controller);
    const items = screen.getAllByTestId('message');
    const newest = items[3]!;
    act(() => newest.focus());
    const key = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k });
    key('ArrowUp');
    expect(document.activeElement).toBe(items[2]);
    key('Home');
    expect(document.activeElement).toBe(items[0]);
    key('End');
    expect(document.activeElement).toBe(newest);
    key('ArrowRight');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('React');
    key('ArrowRight');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('More actions');
    key('ArrowLeft');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('React');
    key('Escape');
    expect(document.activeElement).toBe(newest);
    // The tab stop follows: after moving up, Tab comes back to that message.
    key('ArrowUp');
    expect(tabStops(screen.getByRole('list', { name: 'Messages' }))).toEqual([items[2]]);
  });
});

describe('opening a conversation', () => {
  it('puts focus in the composer', () => {
    const { controller } = renderWithController(<div />);
    load(controller);
    cleanup();
    renderWithController(<ConversationScreen id="c1" />, controller);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('keeps focus on the heading for a request, whose bar comes first', () => {
    const { controller } = renderWithController(<div />);
    load(controller, conversation({ lastSeq: 4, folder: 'requests' }));
    cleanup();
    renderWithController(<ConversationScreen id="c1" />, controller);
    expect(document.activeElement?.hasAttribute('data-route-heading')).toBe(true);
  });
});
