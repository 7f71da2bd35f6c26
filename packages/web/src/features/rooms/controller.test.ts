import { describe, expect, it, vi } from 'vitest';
import { AppController } from '../../app/controller.js';
import { ME } from '../../test/fixtures.js';
import { memoryStorage } from '../../test/render.js';
import { room } from './fixtures.test-helpers.js';

function setup() {
  const controller = new AppController('http://backchannel.test', memoryStorage());
  controller.store.dispatch({ type: 'session.started', me: ME });
  const api = controller.client.rooms;
  vi.spyOn(api, 'history').mockResolvedValue({ messages: [], hasMore: false });
  vi.spyOn(api, 'people').mockResolvedValue({ people: [], next: null });
  const leave = vi.spyOn(api, 'leave').mockResolvedValue();
  return { controller, api, leave };
}

describe('entering a room', () => {
  it('leaves the room I listen in, but not one I host', async () => {
    const { controller, api, leave } = setup();
    const listening = room({ id: 'a' });
    const hosting = room({ id: 'b', me: { role: 'host', handRaised: false, invitedToSpeak: false, chatMutedUntil: null } });
    controller.store.dispatch({ type: 'rooms.snapshot', room: listening });
    controller.store.dispatch({ type: 'rooms.snapshot', room: hosting });
    vi.spyOn(api, 'join').mockResolvedValue(room({ id: 'c' }));
    await controller.rooms.enter('c');
    expect(leave.mock.calls).toEqual([['a']]);
    expect(Object.keys(controller.store.getState().rooms.byId).sort()).toEqual(['b', 'c']);
  });

  it('opens an ended room read-only when joining answers room_ended', async () => {
    const { controller, api } = setup();
    const { BackchannelError } = await import('@backchannel/sdk');
    vi.spyOn(api, 'join').mockRejectedValue(new BackchannelError('room_ended', 'ended', { status: 409 }));
    vi.spyOn(api, 'get').mockResolvedValue(room({ status: 'ended', endedAt: '2026-12-03T15:00:00.000Z' }));
    const people = vi.spyOn(api, 'people');
    const r = await controller.rooms.enter('r1');
    expect(r.status).toBe('ended');
    expect(controller.store.getState().rooms.byId['r1']?.historyLoaded).toBe(true);
    expect(people).not.toHaveBeenCalled();
  });

  it('sends over HTTP while the socket is down, and keeps nothing pending after a refusal', async () => {
    const { controller, api } = setup();
    const { BackchannelError } = await import('@backchannel/sdk');
    controller.store.dispatch({ type: 'rooms.snapshot', room: room() });
    const send = vi.spyOn(api, 'send').mockRejectedValue(new BackchannelError('room_emoji_only', 'emoji', { status: 400 }));
    await expect(controller.rooms.send('r1', 'words')).rejects.toMatchObject({ code: 'room_emoji_only' });
    expect(send).toHaveBeenCalledWith('r1', { clientMessageId: expect.any(String), text: 'words' });
    expect(controller.store.getState().rooms.byId['r1']?.pending).toEqual([]);
  });
});
