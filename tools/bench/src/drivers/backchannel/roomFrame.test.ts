import { describe, expect, it } from 'vitest';
import { fastRoomMessage } from './roomFrame.js';

// The frame as the server builds it (roomEventFrame: type, roomId, seq, then data).
function frame(message: Record<string, unknown>, seq = 7): string {
  return `{"type":"room.message_created","roomId":"r1","seq":${seq},"data":${JSON.stringify({ message })}}`;
}

const message = {
  id: 'm1',
  roomId: 'r1',
  seq: 7,
  sender: { id: 'u1', username: 'b_1', displayName: 'Bench 1', avatarUrl: null },
  clientMessageId: 'r.12',
  text: '123456 r.12 xxxx',
  entities: [],
  createdAt: '2026-12-03T14:00:00.000Z',
  deleted: null,
};

describe('fastRoomMessage', () => {
  it('reads room, seq, client message id and text without parsing the frame', () => {
    expect(fastRoomMessage(frame(message))).toEqual({ conversationId: 'r1', seq: 7, clientMessageId: 'r.12', text: '123456 r.12 xxxx' });
  });

  it('gives up (null) on what it cannot read safely, so the caller parses', () => {
    expect(fastRoomMessage(frame({ ...message, clientMessageId: null }))).toBeNull();
    expect(fastRoomMessage(frame({ ...message, text: 'say "hi"' }))).toBeNull();
    expect(fastRoomMessage('{"type":"room.counts","roomId":"r1","data":{}}')).toBeNull();
  });
});
