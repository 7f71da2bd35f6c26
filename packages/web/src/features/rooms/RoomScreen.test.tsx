// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackchannelError } from '@backchannel/sdk';
import type { Room, RoomMessage } from '@backchannel/protocol';
import { ME } from '../../test/fixtures.js';
import { AppController } from '../../app/controller.js';
import { memoryStorage, renderWithController } from '../../test/render.js';
import { BOB, room, roomMessage } from './fixtures.test-helpers.js';
import { RoomScreen } from './RoomScreen.js';

afterEach(cleanup);

/** The room page over a store filled by the test; entering does no network. */
function show(r: Room, messages: RoomMessage[] = []) {
  const controller = new AppController('http://backchannel.test', memoryStorage());
  const enter = vi.spyOn(controller.rooms, 'enter').mockResolvedValue(r);
  const out = renderWithController(<RoomScreen id="r1" />, controller);
  expect(enter).toHaveBeenCalledWith('r1');
  act(() => {
    controller.store.dispatch({ type: 'session.started', me: ME });
    controller.store.dispatch({ type: 'rooms.snapshot', room: r });
    controller.store.dispatch({ type: 'rooms.history', roomId: 'r1', messages, hasMore: false, older: false });
  });
  return out;
}
const chat = () => within(screen.getByRole('region', { name: 'Chat' }));
const host = { role: 'host' as const, handRaised: false, invitedToSpeak: false, chatMutedUntil: null };

describe('the room page', () => {
  it('shows a listener the stage with the host badge, the mode banner, Raise hand and the chat box', () => {
    show(room(), [roomMessage(11)]);
    const stage = within(screen.getByRole('region', { name: /On stage/ }));
    expect(stage.getByText('Hana Host')).toBeTruthy();
    expect(stage.getByText('Host')).toBeTruthy();
    expect(chat().getByText('Chat is open to everyone in the room')).toBeTruthy();
    expect(chat().getByText('chat 11')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Raise hand' })).toBeTruthy();
    expect(chat().getByRole('textbox', { name: 'Chat message' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'End room' })).toBeNull();
  });

  it('says the chat is off and offers no box', () => {
    show(room({ chat: { enabled: false, mode: 'open', slowSeconds: 30 } }));
    expect(chat().getByText('Chat is off. The host or a moderator can turn it back on.')).toBeTruthy();
    expect(chat().queryByRole('textbox')).toBeNull();
  });

  it('keeps an ended room readable and read-only: no box, no Leave, no hand', () => {
    show(room({ status: 'ended', endedAt: '2026-12-03T15:00:00.000Z', stage: [], me: { ...host, role: null } }), [roomMessage(11)]);
    expect(chat().getByText('Read-only: this room has ended.')).toBeTruthy();
    expect(chat().getByText('chat 11')).toBeTruthy();
    expect(chat().queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Leave/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Raise hand/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('tells a muted listener until when, and a removed one that they are out', () => {
    const until = new Date(Date.now() + 10 * 60_000).toISOString();
    const { controller } = show(room({ me: { role: 'listener', handRaised: false, invitedToSpeak: false, chatMutedUntil: until } }));
    expect(chat().getByText(/A moderator muted you in this chat\. You can chat again in 10 minutes\./)).toBeTruthy();
    act(() => controller.store.dispatch({ type: 'rooms.event', event: { type: 'room.removed', roomId: 'r1', seq: 11, data: { userId: 'me' } } }));
    expect(screen.getByText('You were removed from this room. You can’t join it again.')).toBeTruthy();
    expect(chat().getByText('You were removed from this room.')).toBeTruthy();
  });

  it('highlights a message that mentions me, and says so to screen readers', () => {
    const text = 'hello @ada welcome';
    show(room(), [roomMessage(11, { text, entities: [{ type: 'mention', offset: 6, length: 4, userId: 'me' }] }), roomMessage(12)]);
    const mine = chat().getByText('@ada').closest('li')!;
    expect(mine.classList.contains('mentions-me')).toBe(true);
    expect(within(mine).getByText(', mentions you')).toBeTruthy();
    expect(chat().getByText('chat 12').closest('li')!.classList.contains('mentions-me')).toBe(false);
  });

  it('offers an invited listener the stage', async () => {
    const user = userEvent.setup();
    const { controller } = show(room({ me: { role: 'listener', handRaised: true, invitedToSpeak: true, chatMutedUntil: null } }));
    const accept = vi.spyOn(controller.rooms, 'acceptSpeak').mockResolvedValue();
    await user.click(screen.getByRole('button', { name: 'Join the stage' }));
    expect(accept).toHaveBeenCalledWith('r1');
  });

  it('counts down after a send refused by slow mode and keeps the text', async () => {
    const user = userEvent.setup();
    const { controller } = show(room({ chat: { enabled: true, mode: 'slow', slowSeconds: 30 } }));
    expect(chat().getByText('Slow mode: one message every 30 seconds')).toBeTruthy();
    vi.spyOn(controller.rooms, 'send').mockRejectedValue(new BackchannelError('room_slow_mode', 'Slow mode', { status: 429, retryAfterMs: 12_000 }));
    const box = chat().getByRole('textbox', { name: 'Chat message' });
    await user.type(box, 'too fast{Enter}');
    expect(await chat().findByText('Slow mode: you can send again in 12 seconds.')).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('too fast');
    expect((chat().getByRole('button', { name: 'Send (wait 12 s)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('gives the host End room and chat settings, and a delete that typing cannot confirm', async () => {
    const user = userEvent.setup();
    const { controller } = show(
      room({ me: host, stage: [{ user: { id: 'me', username: 'ada', displayName: 'Ada Lovelace' }, role: 'host', speaking: false, blockedByMe: false }] }),
      [roomMessage(11)],
    );
    expect(screen.getByRole('button', { name: 'End room' })).toBeTruthy();
    await user.click(chat().getByRole('button', { name: 'Chat settings' }));
    expect(chat().getByRole('switch', { name: 'Chat is on' })).toBeTruthy();
    const remove = vi.spyOn(controller.rooms, 'deleteMessage').mockResolvedValue();
    await user.click(chat().getByRole('button', { name: `Delete ${BOB.displayName}’s message` }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this message?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('heading'));
    await user.keyboard('{Enter} ');
    expect(remove).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete message' }));
    expect(remove).toHaveBeenCalledWith('r1', 'rm11');
    act(() =>
      controller.store.dispatch({
        type: 'rooms.event',
        event: { type: 'room.message_deleted', roomId: 'r1', seq: 12, data: { messageId: 'rm11', by: 'moderator' } },
      }),
    );
    expect(chat().getByText('Removed by a moderator')).toBeTruthy();
    expect(chat().queryByText('chat 11')).toBeNull();
  });

  it('says when a room is not there (or not open to me)', async () => {
    const controller = new AppController('http://backchannel.test', memoryStorage());
    vi.spyOn(controller.rooms, 'enter').mockRejectedValue(new BackchannelError('not_found', 'Not found', { status: 404 }));
    const out = renderWithController(<RoomScreen id="gone" />, controller);
    expect(await out.findByText('This room isn’t here. It may have ended, or it isn’t open to you.')).toBeTruthy();
  });
});
