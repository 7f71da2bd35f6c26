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

  it('copies the message text', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<MessageBubble message={message(1, { text: 'copy me' })} mine={false} linksEnabled seen={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy message' }));
    expect(writeText).toHaveBeenCalledWith('copy me');
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
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
