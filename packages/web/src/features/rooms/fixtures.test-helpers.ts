/** Room builders for the rooms tests: complete protocol objects with overridable fields. */
import type { Room, RoomMessage } from '@backchannel/protocol';

export const HOST = { id: 'host', username: 'hana', displayName: 'Hana Host' };
export const BOB = { id: 'bob', username: 'bob', displayName: 'Bob Byte' };
export const MY = { id: 'me', username: 'ada', displayName: 'Ada Lovelace' };

export function room(over: Partial<Room> = {}): Room {
  return {
    id: 'r1',
    title: 'AI policy after hours',
    description: 'Be kind.',
    visibility: 'open',
    status: 'live',
    hostId: HOST.id,
    createdAt: '2026-12-03T14:00:00.000Z',
    endedAt: null,
    seq: 10,
    stage: [{ user: HOST, role: 'host', speaking: false, blockedByMe: false }],
    speakerCount: 1,
    listenerCount: 2,
    chat: { enabled: true, mode: 'open', slowSeconds: 30 },
    me: { role: 'listener', handRaised: false, invitedToSpeak: false, chatMutedUntil: null },
    ...over,
  };
}

export function roomMessage(seq: number, over: Partial<RoomMessage> = {}): RoomMessage {
  return {
    id: `rm${seq}`,
    roomId: 'r1',
    seq,
    sender: BOB,
    clientMessageId: null,
    text: `chat ${seq}`,
    entities: [],
    createdAt: '2026-12-03T14:01:00.000Z',
    deleted: null,
    ...over,
  };
}
