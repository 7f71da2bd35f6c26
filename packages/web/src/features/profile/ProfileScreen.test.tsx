// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Profile } from '@backchannel/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversation, ME, profile } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import type { AppController } from '../../app/controller.js';
import { ProfileScreen } from './ProfileScreen.js';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/'));

const BEA = profile();
const WITH_BEA = conversation({ id: 'c-bea', members: [{ id: 'me', username: 'ada', displayName: 'Ada Lovelace' }, { id: 'bea', username: 'bea_b', displayName: 'Bea Baker' }] });

function signedIn(controller: AppController) {
  act(() => controller.store.dispatch({ type: 'session.started', me: ME }));
  vi.spyOn(controller.client, 'profileByUsername').mockResolvedValue(BEA);
  return vi.spyOn(controller.client, 'openDirect').mockResolvedValue(WITH_BEA);
}

describe('Message on a profile', () => {
  it('opens a draft and creates nothing', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<div />);
    const openDirect = signedIn(controller);
    cleanup();
    renderWithController(<ProfileScreen username="bea_b" />, controller);
    await user.click(await screen.findByRole('button', { name: 'Message' }));
    expect(window.location.pathname).toBe('/backchannel/to/bea_b');
    expect(openDirect).not.toHaveBeenCalled();
  });

  it('opens the chat we already have', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<div />);
    signedIn(controller);
    act(() => controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [WITH_BEA] }));
    cleanup();
    renderWithController(<ProfileScreen username="bea_b" />, controller);
    await user.click(await screen.findByRole('button', { name: 'Message' }));
    expect(window.location.pathname).toBe('/backchannel/c/c-bea');
  });
});

describe('Follow on a profile', () => {
  it('keeps keyboard focus on the button, which now offers Unfollow', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<div />);
    signedIn(controller);
    vi.spyOn(controller.client, 'profileByUsername').mockResolvedValue({ ...BEA, followedByMe: false });
    let answer: (p: Profile) => void = () => undefined;
    vi.spyOn(controller.client, 'follow').mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    cleanup();
    renderWithController(<ProfileScreen username="bea_b" />, controller);
    const follow = await screen.findByRole('button', { name: 'Follow' });
    act(() => follow.focus());
    await user.keyboard('{Enter}');
    // While the request is out the button stays focused (a disabled button would drop focus to <body>).
    expect(document.activeElement).toBe(follow);
    await act(async () => answer({ ...BEA, followedByMe: true, followerCount: 2 }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unfollow' }));
  });
});
