// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../state/fixtures.js';
import { MessageBubble } from '../screens/MessageBubble.js';
import { ReportDialog } from './ReportDialog.js';

afterEach(cleanup);

describe('ReportDialog', () => {
  it('needs a reason, sends the note and the block choice, then thanks the reporter', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<ReportDialog title="Report Bob’s message" blocks="offer" onSubmit={onSubmit} onClose={() => undefined} />);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Spam or a scam' }));
    const submit = screen.getByRole('button', { name: 'Report' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Harassment or bullying' }));
    fireEvent.change(screen.getByLabelText(/Anything else/), { target: { value: '  keeps at it ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also block them' }));
    fireEvent.click(submit);
    await screen.findByRole('heading', { name: 'Thanks for telling us' });
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'harassment', note: 'keeps at it', block: true });
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    render(<ReportDialog title="Report" blocks="always" onSubmit={() => Promise.resolve()} onClose={onClose} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('a removed message', () => {
  it('shows a tombstone with nothing to copy or report', () => {
    render(<MessageBubble message={message(1, { text: 'gone' })} mine={false} linksEnabled seen={false} removed onReport={() => undefined} />);
    expect(screen.getByText('Removed by a moderator')).toBeTruthy();
    expect(screen.queryByText('gone')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
