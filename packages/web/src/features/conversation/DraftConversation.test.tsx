// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackchannelError } from '@backchannel/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversation, ME, profile } from '../../test/fixtures.js';
import { renderWithController } from '../../test/render.js';
import type { AppController } from '../../app/controller.js';
import { DraftConversation } from './DraftConversation.js';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/'));

const BEA = profile();
const WITH_BEA = conversation({ id: 'c-bea', members: [{ id: 'me', username: 'ada', displayName: 'Ada Lovelace' }, { id: 'bea', username: 'bea_b', displayName: 'Bea Baker' }] });

function signedIn(controller: AppController) {
  act(() => controller.store.dispatch({ type: 'session.started', me: ME }));
  vi.spyOn(controller.client, 'profileByUsername').mockResolvedValue(BEA);
  return vi.spyOn(controller.client, 'openDirect').mockResolvedValue(WITH_BEA);
}

describe('a draft conversation', () => {
  it('creates the 1:1 on the first send, sends it, and moves to the real conversation', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<div />);
    const openDirect = signedIn(controller);
    const history = vi.spyOn(controller.client, 'history').mockResolvedValue({ messages: [], hasMore: false });
    const send = vi.spyOn(controller.conversation, 'send').mockImplementation(() => {
      // The history is held before the message goes, so its acknowledgement has a list to land in.
      expect(history).toHaveBeenCalledWith('c-bea', expect.anything());
      expect(controller.store.getState().conversation.messages['c-bea']).toBeDefined();
    });
    cleanup();
    renderWithController(<DraftConversation username="bea_b" />, controller);
    expect((await screen.findByTestId('draft-note')).textContent).toMatch(/starts when you send/);
    expect(openDirect).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi Bea!{Enter}');
    await waitFor(() => expect(window.location.pathname).toBe('/backchannel/c/c-bea'));
    expect(openDirect).toHaveBeenCalledExactlyOnceWith('bea');
    expect(send).toHaveBeenCalledExactlyOnceWith('c-bea', 'Hi Bea!');
  });

  it('keeps the text and says why when the chat cannot be started', async () => {
    const user = userEvent.setup();
    const { controller } = renderWithController(<div />);
    signedIn(controller).mockRejectedValue(new BackchannelError('cannot_message', 'no'));
    cleanup();
    renderWithController(<DraftConversation username="bea_b" />, controller);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    await user.type(box, 'Hi Bea!{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/doesn’t accept messages/);
    expect(box.value).toBe('Hi Bea!');
    expect(window.location.pathname).toBe('/');
  });
});
