// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportReceipt } from '@backchannel/protocol';
import { message } from '../test/fixtures.js';
import { MessageBubble } from '../features/conversation/MessageBubble.js';
import { ReportDialog } from './ReportDialog.js';

afterEach(cleanup);

const receipt = (over: Partial<ReportReceipt> = {}): ReportReceipt => ({
  id: 'r1',
  state: 'open',
  createdAt: new Date().toISOString(),
  withdrawableUntil: new Date(Date.now() + 5 * 60_000).toISOString(),
  ...over,
});

function dialog(over: Partial<Parameters<typeof ReportDialog>[0]> = {}) {
  const onSubmit = vi.fn(() => Promise.resolve(receipt()));
  const onWithdraw = vi.fn(() => Promise.resolve());
  const onClose = vi.fn();
  render(<ReportDialog title="Report Bob’s message" blocks="offer" onSubmit={onSubmit} onWithdraw={onWithdraw} onClose={onClose} {...over} />);
  return { onSubmit, onWithdraw, onClose };
}

describe('ReportDialog', () => {
  it('cannot be sent by typing: focus starts on no control, and Space, Enter and letters file nothing', async () => {
    const user = userEvent.setup();
    const { onSubmit } = dialog();
    expect(document.activeElement?.textContent).toBe('Report Bob’s message');
    // What someone typing a reply (focus left on a Report button) would send next.
    await user.keyboard(' {Enter}ok see you {Enter}  {Enter}{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('Enter on a chosen reason does not submit, and Continue only leads to a review step', async () => {
    const user = userEvent.setup();
    const { onSubmit } = dialog();
    await user.tab();
    await user.keyboard(' '); // picks the first reason
    expect((screen.getByRole('radio', { name: 'Spam or a scam' }) as HTMLInputElement).checked).toBe(true);
    await user.keyboard('{Enter}{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    // The review step takes focus on its heading; Enter and Space there do nothing.
    expect(document.activeElement?.textContent).toBe('Send this report?');
    await user.keyboard('{Enter}  {Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Spam or a scam')).toBeTruthy();
  });

  it('sends the reason, the note and the block choice after the deliberate last step, then offers Undo', async () => {
    const user = userEvent.setup();
    const { onSubmit, onWithdraw } = dialog();
    await user.click(screen.getByRole('radio', { name: 'Harassment or bullying' }));
    await user.type(screen.getByLabelText(/Anything else/), '  keeps at it ');
    await user.click(screen.getByRole('checkbox', { name: 'Also block them' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // Keyboard: Tab past Back to "Send report", then Enter.
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send report' }));
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Thanks for telling us' });
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'harassment', note: 'keeps at it', block: true });
    expect(document.activeElement?.textContent).toBe('Thanks for telling us');

    await user.click(screen.getByRole('button', { name: 'Undo report' }));
    expect(onWithdraw).toHaveBeenCalledWith('r1');
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/withdrawn/);
    // The block stays; the dialog says where to undo it.
    expect(status.textContent).toMatch(/still blocked/);
    expect(screen.queryByRole('button', { name: 'Undo report' })).toBeNull();
  });

  it('offers no Undo once the window has passed, or when the caller cannot withdraw', async () => {
    const user = userEvent.setup();
    dialog({ onSubmit: () => Promise.resolve(receipt({ withdrawableUntil: null })) });
    await user.click(screen.getByRole('radio', { name: 'Hate speech' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Send report' }));
    await screen.findByRole('heading', { name: 'Thanks for telling us' });
    expect(screen.queryByRole('button', { name: 'Undo report' })).toBeNull();
  });

  it('Back returns to the choices with them kept', async () => {
    const user = userEvent.setup();
    dialog();
    await user.click(screen.getByRole('radio', { name: 'Hate speech' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect((screen.getByRole('radio', { name: 'Hate speech' }) as HTMLInputElement).checked).toBe(true);
  });

  it('closes on Escape at every step', async () => {
    const user = userEvent.setup();
    const { onClose } = dialog();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await user.click(screen.getByRole('radio', { name: 'Hate speech' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    fireEvent.keyDown(within(screen.getByRole('dialog')).getByRole('button', { name: 'Back' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('a removed message', () => {
  it('shows a tombstone from its own field (so a reload shows it too), with nothing to copy or report', () => {
    const at = '2021-07-01T10:05:00.000Z';
    render(<MessageBubble message={message(1, { text: '', tombstone: { by: 'operator', at } })} mine={false} linksEnabled seen={false} onReport={() => undefined} />);
    expect(screen.getByText('Removed by a moderator')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
  it('says who unsent it', () => {
    const at = '2021-07-01T10:05:00.000Z';
    const { rerender } = render(<MessageBubble message={message(1, { text: '', tombstone: { by: 'sender', at } })} mine={false} linksEnabled seen={false} />);
    expect(screen.getByText('Message unsent')).toBeTruthy();
    rerender(<MessageBubble message={message(1, { text: '', tombstone: { by: 'sender', at } })} mine linksEnabled seen={false} />);
    expect(screen.getByText('You unsent a message')).toBeTruthy();
  });
});
