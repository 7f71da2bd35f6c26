import { describe, expect, it } from 'vitest';
import { initialState, reduce, type Action, type State } from '../../app/state.js';
import { ME } from '../../test/fixtures.js';
import { BOB, MY, room, roomMessage } from './fixtures.test-helpers.js';

function run(...actions: Action[]): State {
  return actions.reduce(reduce, reduce(initialState, { type: 'session.started', me: ME }));
}
const view = (s: State) => s.rooms.byId['r1']!;

describe('rooms slice', () => {
  it('merges chat by id in seq order, whatever the order and repeats of history and events', () => {
    const created = (seq: number) => ({
      type: 'rooms.event' as const,
      event: { type: 'room.message_created' as const, roomId: 'r1', seq, data: { message: roomMessage(seq) } },
    });
    const s = run(
      { type: 'rooms.snapshot', room: room() },
      created(12),
      { type: 'rooms.history', roomId: 'r1', messages: [roomMessage(11), roomMessage(12)], hasMore: true, older: false },
      created(12),
      created(13),
    );
    expect(view(s).messages.map((m) => m.seq)).toEqual([11, 12, 13]);
    expect(view(s).hasMore).toBe(true);
    expect(view(s).room.seq).toBe(13);
  });

  it('keeps a tombstone when an older copy of the message arrives later', () => {
    const s = run(
      { type: 'rooms.snapshot', room: room() },
      { type: 'rooms.history', roomId: 'r1', messages: [roomMessage(11)], hasMore: false, older: false },
      { type: 'rooms.event', event: { type: 'room.message_deleted', roomId: 'r1', seq: 14, data: { messageId: 'rm11', by: 'moderator' } } },
      { type: 'rooms.history', roomId: 'r1', messages: [roomMessage(11)], hasMore: false, older: false },
    );
    expect(view(s).messages[0]).toMatchObject({ text: '', deleted: 'moderator' });
  });

  it('follows my place: invited, up on the stage, muted, then the room ends', () => {
    const s1 = run(
      { type: 'rooms.snapshot', room: room() },
      { type: 'rooms.event', event: { type: 'room.hand_changed', roomId: 'r1', seq: 11, data: { user: MY, handRaised: true, invitedToSpeak: true } } },
    );
    expect(view(s1).room.me).toMatchObject({ handRaised: true, invitedToSpeak: true });
    const s2 = [
      { type: 'rooms.event', event: { type: 'room.stage_changed', roomId: 'r1', seq: 12, data: { user: MY, role: 'speaker' } } },
      { type: 'rooms.event', event: { type: 'room.mute_changed', roomId: 'r1', seq: 13, data: { userId: 'me', until: '2026-12-03T15:00:00.000Z' } } },
    ].reduce((s, a) => reduce(s, a as Action), s1);
    expect(view(s2).room.me).toMatchObject({ role: 'speaker', handRaised: false, invitedToSpeak: false, chatMutedUntil: '2026-12-03T15:00:00.000Z' });
    expect(view(s2).room.stage.map((m) => [m.user.id, m.role])).toEqual([
      ['host', 'host'],
      ['me', 'speaker'],
    ]);
    const s3 = reduce(s2, { type: 'rooms.event', event: { type: 'room.ended', roomId: 'r1', seq: 14, data: { endedAt: '2026-12-03T15:10:00.000Z' } } });
    expect(view(s3).room).toMatchObject({ status: 'ended', stage: [], me: { role: null } });
  });

  it('tracks raised hands for the staff and drops them when the person goes up or leaves', () => {
    const staff = room({ me: { role: 'host', handRaised: false, invitedToSpeak: false, chatMutedUntil: null } });
    const s = run(
      { type: 'rooms.snapshot', room: staff },
      { type: 'rooms.event', event: { type: 'room.hand_changed', roomId: 'r1', seq: 11, data: { user: BOB, handRaised: true, invitedToSpeak: false } } },
    );
    expect(Object.keys(view(s).hands)).toEqual(['bob']);
    const up = reduce(s, { type: 'rooms.event', event: { type: 'room.stage_changed', roomId: 'r1', seq: 12, data: { user: BOB, role: 'speaker' } } });
    expect(view(up).hands).toEqual({});
  });

  it('ignores a snapshot older than what the events already moved the room to', () => {
    const s = run(
      { type: 'rooms.snapshot', room: room({ seq: 10 }) },
      {
        type: 'rooms.event',
        event: {
          type: 'room.updated',
          roomId: 'r1',
          seq: 11,
          data: { title: 'New title', description: '', hostId: 'host', chat: { enabled: false, mode: 'open', slowSeconds: 30 } },
        },
      },
      { type: 'rooms.snapshot', room: room({ seq: 10 }) },
    );
    expect(view(s).room).toMatchObject({ title: 'New title', chat: { enabled: false } });
  });

  it('updates the counts of a hallway card and of the open room from room.counts', () => {
    const card = {
      id: 'r1',
      title: 'AI',
      visibility: 'open' as const,
      createdAt: '2026-12-03T14:00:00.000Z',
      speakerCount: 1,
      listenerCount: 2,
      speakers: [],
      followedCount: 0,
    };
    const s = run(
      { type: 'rooms.hallway', rooms: [card], next: null, append: false },
      { type: 'rooms.snapshot', room: room() },
      { type: 'rooms.counts', event: { type: 'room.counts', roomId: 'r1', data: { speakerCount: 1, listenerCount: 40, speakingIds: ['host'] } } },
    );
    expect(s.rooms.hallway.rooms[0]!.listenerCount).toBe(40);
    expect(view(s).room.stage[0]!.speaking).toBe(true);
  });
});
