import { describe, expect, it } from 'vitest';
import { readRoomMessage } from './leanSocket.js';

// The frame as the server builds it (roomEventFrame: type, roomId, seq, then data).
function frame(message: Record<string, unknown>, seq = 7): Buffer {
  return Buffer.from(`{"type":"room.message_created","roomId":"r1","seq":${seq},"data":${JSON.stringify({ message })}}`);
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

describe('readRoomMessage', () => {
  it('reads room, seq, client message id and text from the payload bytes', () => {
    const b = Buffer.concat([Buffer.from('junk'), frame(message, 1234), Buffer.from('more')]);
    expect(readRoomMessage(b, 4, b.length - 4)).toEqual({ conversationId: 'r1', seq: 1234, clientMessageId: 'r.12', text: '123456 r.12 xxxx' });
  });

  it('gives up (null) on what it cannot read safely, so the caller parses JSON', () => {
    const cases = [frame({ ...message, clientMessageId: null }), frame({ ...message, text: 'say "hi"' }), Buffer.from('{"type":"room.counts","roomId":"r1","data":{}}')];
    for (const b of cases) expect(readRoomMessage(b, 0, b.length)).toBeNull();
  });

  it('does not read past the end of the frame', () => {
    const b = frame(message);
    expect(readRoomMessage(b, 0, b.indexOf('"text"'))).toBeNull();
  });
});
