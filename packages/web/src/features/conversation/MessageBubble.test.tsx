// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../../test/fixtures.js';
import { MessageBubble, PendingBubble } from './MessageBubble.js';

afterEach(cleanup);

describe('MessageBubble', () => {
  it('renders markup in text as text, and safe links with noopener in a new tab', () => {
    const text = '<img src=x onerror=alert(1)> see https://a.example/x';
    const m = message(1, { text, entities: [{ type: 'link', offset: 33, length: 19, url: 'https://a.example/x' }] });
    const { container } = render(<MessageBubble message={m} mine={false} linksEnabled seen={false} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.bubble')?.textContent).toBe(text);
    const link = screen.getByRole('link', { name: 'https://a.example/x' });
    expect(link.getAttribute('href')).toBe('https://a.example/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('does not link javascript: URLs, nor anything when links are disabled', () => {
    const m = message(1, { text: 'javascript:alert(1)', entities: [{ type: 'link', offset: 0, length: 19, url: 'javascript:alert(1)' }] });
    render(<MessageBubble message={m} mine linksEnabled seen />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Seen')).toBeTruthy();
  });

  it('copies the message text', () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<MessageBubble message={message(1, { text: 'copy me' })} mine={false} linksEnabled seen={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message' }));
    expect(writeText).toHaveBeenCalledWith('copy me');
  });

  it('offers its actions in a menu, reply quote, edited mark and reactions from its fields', () => {
    const calls: string[] = [];
    const actions = {
      myId: 'me',
      moderator: false,
      nameOf: (id: string) => `Name ${id}`,
      reply: () => calls.push('reply'),
      edit: () => calls.push('edit'),
      react: (_m: unknown, e: string, on: boolean) => calls.push(`react ${e} ${on}`),
      unsend: () => calls.push('unsend'),
      hide: () => calls.push('hide'),
      keep: () => calls.push('keep'),
      jumpTo: (seq: number) => calls.push(`jump ${seq}`),
    };
    const m = message(3, {
      senderId: 'bob',
      editedAt: '2021-07-01T10:10:00.000Z',
      replyTo: { messageId: 'm1', seq: 1, senderId: 'me', snippet: 'the question', unavailable: false },
      reactions: [{ emoji: '👍', userIds: ['bob', 'me'] }],
    });
    render(<MessageBubble message={m} mine={false} linksEnabled seen={false} actions={actions} onReport={() => calls.push('report')} />);
    expect(screen.getByText('edited')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reply to You: the question. Go to the message' }));
    const chip = screen.getByRole('button', { name: '👍 2: Name bob, you. Take back' });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(chip);
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Reply', 'Copy text', 'Delete for me', 'Keep for reporting', 'Report']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Keep for reporting' }));
    fireEvent.click(screen.getByRole('button', { name: 'React' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'React with ❤️' }));
    expect(calls).toEqual(['jump 1', 'react 👍 false', 'keep', 'react ❤️ true']);
  });

  it('shows "message unavailable" for a reply to an unsent message', () => {
    render(<MessageBubble message={message(3, { replyTo: { messageId: 'm1', seq: 1, senderId: 'x', snippet: '', unavailable: true } })} mine={false} linksEnabled seen={false} />);
    expect(screen.getByText('Message unavailable')).toBeTruthy();
  });
});

describe('PendingBubble', () => {
  const entry = { clientMessageId: 'x', conversationId: 'c1', text: 'hello', createdAt: '2021-07-01T10:00:00.000Z' };
  it('shows "Sending…" while pending', () => {
    render(<PendingBubble entry={{ ...entry, state: 'pending' }} onRetry={vi.fn()} onDiscard={vi.fn()} />);
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });
  it('offers retry and delete when failed', () => {
    const onRetry = vi.fn();
    const onDiscard = vi.fn();
    render(<PendingBubble entry={{ ...entry, state: 'failed', error: 'This person doesn’t accept messages from you.' }} onRetry={onRetry} onDiscard={onDiscard} />);
    expect(screen.getByRole('alert').textContent).toContain('Not sent');
    fireEvent.click(screen.getByRole('button', { name: /Retry/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onDiscard).toHaveBeenCalledOnce();
  });
});
