/**
 * A listener that stops reading is closed with the slow-consumer code (4009) once its socket's
 * queue passes `maxQueuedBytes`, and leaves the room's fan-out; the others keep receiving.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLOSE_CODES } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { cmid, createRoom, join, listen, people } from './rooms.test-helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0, maxQueuedBytes: 262_144 });
});
afterAll(() => s.close());

it('closes a listener that stops reading with 4009, without holding more than its cap', { timeout: 60_000 }, async () => {
  const [host, slow, fine] = await people(s, 3);
  const room = await createRoom(s, host);
  await join(s, slow, room.id);
  await join(s, fine, room.id);
  const stalled = await listen(s, slow, room.id);
  const reader = await listen(s, fine, room.id);
  const h = await listen(s, host, room.id);
  (stalled.spy.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
  // 500 four-byte characters: the most bytes a chat message may carry, so the buffers fill in fewer sends.
  const text = '😀'.repeat(500);
  let sent = 0;
  // Bounded: the kernel's loopback buffers fill within a few MB; stop as soon as the server let go.
  while (s.router.rooms.subscriberCount(room.id) === 3 && sent < 20_000) {
    const batch = Array.from({ length: 50 }, () => ({ op: 'room.message.send', id: `m${sent++}`, roomId: room.id, clientMessageId: cmid(), text }));
    for (const f of batch) h.spy.send(f);
    await h.spy.waitFor((f) => f.type === 'ack' && f.id === batch.at(-1)!.id, 20_000);
  }
  expect(s.router.rooms.subscriberCount(room.id)).toBe(2);
  (stalled.spy.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  expect(await stalled.spy.waitClosed(20_000)).toBe(CLOSE_CODES.slowConsumer);
  // The reader got every message, in order.
  await reader.spy.settle();
  const seqs = reader.spy.frames.filter((f) => f.type === 'room.message_created').map((f) => (f as { seq: number }).seq);
  expect(seqs).toHaveLength(sent);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  h.spy.close();
  reader.spy.close();
});
