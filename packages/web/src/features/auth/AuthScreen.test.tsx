// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithController } from '../../test/render.js';
import { AuthScreen } from './AuthScreen.js';

afterEach(cleanup);

describe('sign-up rules', () => {
  it('are on the page before anyone submits, tied to their fields', () => {
    renderWithController(<AuthScreen mode="signup" />);
    const username = screen.getByLabelText('Username');
    const password = screen.getByLabelText('Password');
    expect(document.getElementById(username.getAttribute('aria-describedby')!)?.textContent).toBe('3–30 characters: letters, digits and _');
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe('At least 8 characters');
  });

  it('say inline what is wrong, focus the first wrong field, and send nothing', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<AuthScreen mode="signup" />);
    const signup = vi.spyOn(controller, 'signup').mockResolvedValue();
    await user.type(screen.getByLabelText('Username'), 'ada lovelace');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(signup).not.toHaveBeenCalled();
    const username = screen.getByLabelText('Username');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(username);
    expect(screen.getByText('Use only letters, digits and _ (no spaces).')).toBeTruthy();
    expect(screen.getByText('Add your name.')).toBeTruthy();
    expect(screen.getByText('Use at least 8 characters (5 so far).')).toBeTruthy();
    // Fixing a field clears its message.
    await user.clear(username);
    await user.type(username, 'ada_l');
    expect(screen.queryByText('Use only letters, digits and _ (no spaces).')).toBeNull();
  });

  it('signs up once every rule holds', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<AuthScreen mode="signup" />);
    const signup = vi.spyOn(controller, 'signup').mockResolvedValue();
    await user.type(screen.getByLabelText('Username'), 'ada_l');
    await user.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(signup).toHaveBeenCalledWith({ username: 'ada_l', displayName: 'Ada Lovelace', password: 'correct horse' });
  });
});
