// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversation, ME, message } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import { MessageList } from './MessageList.js';
import { WINDOW_MAX, WINDOW_STEP } from './useMessageWindow.js';

afterEach(cleanup);

// Jsdom has no IntersectionObserver; the sentinels are also reachable by their buttons.
globalThis.IntersectionObserver ??= class {
  observe() {}
  disconnect() {}
} as unknown as typeof IntersectionObserver;

const TOTAL = 400;
// An hour apart, so every message is its own group and tab stop.
const history = Array.from({ length: TOTAL }, (_, i) => message(i + 1, { createdAt: new Date(Date.UTC(2021, 6, 1) + i * 3_600_000).toISOString() }));

function long() {
  const c = conversation({ lastSeq: TOTAL });
  const rendered = renderWithController(<MessageList conversation={c} />);
  act(() => {
    rendered.controller.store.dispatch({ type: 'session.started', me: ME });
    rendered.controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [c] });
    rendered.controller.store.dispatch({ type: 'history.loaded', conversationId: 'c1', messages: history, hasMore: false, older: false });
  });
  return rendered.controller;
}

// Role queries walk the accessibility tree, which is slow over hundreds of bubbles in jsdom.
const seqsShown = () => screen.getAllByTestId('message').map((m) => Number(m.dataset.seq));
const key = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k });

describe('a long history', () => {
  it('renders only the newest WINDOW_MAX messages, and reveals loaded ones above without asking the server', () => {
    const controller = long();
    const older = vi.spyOn(controller.conversation, 'loadOlder');
    expect(seqsShown()).toHaveLength(WINDOW_MAX);
    expect(seqsShown().at(-1)).toBe(TOTAL);
    fireEvent.click(screen.getByText('Load earlier messages'));
    expect(seqsShown()[0]).toBe(TOTAL - WINDOW_MAX - WINDOW_STEP + 1);
    expect(seqsShown()).toHaveLength(WINDOW_MAX);
    expect(older).not.toHaveBeenCalled();
    // The window now stops short of the newest: a button shows the rest.
    fireEvent.click(screen.getByText('Show newer messages'));
    expect(seqsShown().at(-1)).toBe(TOTAL);
  });

  it('keeps the keyboard model across the window: Home reaches the oldest loaded, End the newest, Up past the top', () => {
    long();
    const items = () => screen.getAllByTestId('message');
    act(() => items().at(-1)!.focus());
    act(() => key('Home'));
    expect(document.activeElement?.getAttribute('data-seq')).toBe('1');
    act(() => key('End'));
    expect(document.activeElement?.getAttribute('data-seq')).toBe(String(TOTAL));
    // Up from the first rendered message reveals the one before it and moves there.
    const first = Number(items()[0]!.dataset.seq);
    act(() => items()[0]!.focus());
    act(() => key('ArrowUp'));
    expect(document.activeElement?.getAttribute('data-seq')).toBe(String(first - 1));
    // Still one tab stop.
    const list = document.querySelector<HTMLElement>('ol.rows')!;
    expect([...list.querySelectorAll<HTMLElement>('[tabindex]')].filter((el) => el.tabIndex >= 0)).toHaveLength(1);
  });
});
