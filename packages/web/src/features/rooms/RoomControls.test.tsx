// @vitest-environment jsdom
/**
 * The room page's own controls: an invitation that names who sent it and can be declined; a room
 * the audio service runs, with the controls it owns hidden and a note saying why; the chat button's
 * count of messages that arrived while the chat sheet was closed.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Room, RoomMessage } from '@backchannel/protocol';
import { ME } from '../../test/fixtures.js';
import { AppController } from '../../app/controller.js';
import { memoryStorage, renderWithController } from '../../test/render.js';
import { BOB, HOST, room, roomMessage } from './fixtures.test-helpers.js';
import { RoomScreen } from './RoomScreen.js';

afterEach(cleanup);

function show(r: Room, messages: RoomMessage[] = []) {
  const controller = new AppController('http://backchannel.test', memoryStorage());
  vi.spyOn(controller.rooms, 'enter').mockResolvedValue(r);
  const out = renderWithController(<RoomScreen id="r1" />, controller);
  act(() => {
    controller.store.dispatch({ type: 'session.started', me: ME });
    controller.store.dispatch({ type: 'rooms.snapshot', room: r });
    controller.store.dispatch({ type: 'rooms.history', roomId: 'r1', messages, hasMore: false, older: false });
  });
  return out;
}
const hosting = { role: 'host' as const, handRaised: false, invitedToSpeak: false, chatMutedUntil: null };
const message = (controller: AppController, seq: number, over: Partial<RoomMessage> = {}) =>
  act(() =>
    controller.store.dispatch({ type: 'rooms.event', event: { type: 'room.message_created', roomId: 'r1', seq, data: { message: roomMessage(seq, over) } } }),
  );

describe('the invitation to speak', () => {
  it('names who invited me, and Decline says no', async () => {
    const user = userEvent.setup();
    const { controller } = show(room({ me: { role: 'listener', handRaised: true, invitedToSpeak: true, invitedBy: HOST, chatMutedUntil: null } }));
    const card = within(screen.getByRole('alert', { name: /Hana Host invited you to speak/ }));
    const decline = vi.spyOn(controller.rooms, 'declineSpeak').mockResolvedValue();
    await user.click(card.getByRole('button', { name: 'Decline' }));
    expect(decline).toHaveBeenCalledWith('r1');
    expect(card.getByRole('button', { name: 'Join the stage' })).toBeTruthy();
  });

  it('shows the host that the listener declined, with Invite again', () => {
    const { controller } = show(room({ me: hosting }));
    act(() =>
      controller.store.dispatch({
        type: 'rooms.event',
        event: { type: 'room.hand_changed', roomId: 'r1', seq: 11, data: { user: BOB, handRaised: true, invitedToSpeak: false, declined: true } },
      }),
    );
    const hands = within(screen.getByRole('region', { name: /Raised hands/ }));
    expect(hands.getByText('Declined')).toBeTruthy();
    expect(hands.getByRole('button', { name: 'Invite Bob Byte to speak' })).toBeTruthy();
  });
});

describe('a room the audio service runs', () => {
  it('hides End room, Leave, Move to audience and role changes, and says where they are', async () => {
    const user = userEvent.setup();
    const { controller } = show(
      room({
        managedExternally: true,
        me: hosting,
        stage: [
          { user: HOST, role: 'host', speaking: false, blockedByMe: false },
          { user: BOB, role: 'speaker', speaking: false, blockedByMe: false },
        ],
      }),
    );
    expect(screen.getByText(/This room runs in the audio app/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'End room' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Leave/ })).toBeNull();
    expect(screen.queryByText(/You’re the host/)).toBeNull();
    act(() =>
      controller.store.dispatch({
        type: 'rooms.event',
        event: { type: 'room.hand_changed', roomId: 'r1', seq: 11, data: { user: BOB, handRaised: true, invitedToSpeak: false } },
      }),
    );
    expect(screen.queryByRole('button', { name: /to speak/ })).toBeNull();
    // Bob's menu: chat mute and removal are ours; role changes are not offered.
    await user.click(within(screen.getByRole('region', { name: /On stage/ })).getByRole('button', { name: /Bob Byte/ }));
    expect(screen.getByRole('menuitem', { name: /Mute in chat/ })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: /Make moderator|Move to audience/ })).toBeNull();
  });
});

describe('the chat button', () => {
  it('counts messages from others that arrived while the chat was closed, and forgets them when opened', async () => {
    const user = userEvent.setup();
    const { controller } = show(room(), [roomMessage(11), roomMessage(12)]);
    expect(screen.getByRole('button', { name: 'Chat' })).toBeTruthy();
    message(controller, 13);
    message(controller, 14, { sender: { id: ME.id, username: ME.username, displayName: ME.displayName } });
    message(controller, 15);
    const button = screen.getByRole('button', { name: 'Chat, 2 unread messages' });
    expect(button.textContent).toContain('2');
    await user.click(button);
    expect(screen.getByRole('button', { name: 'Chat' })).toBeTruthy();
  });
});
