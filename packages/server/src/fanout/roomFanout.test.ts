/** RoomFanout on its own: one frame per event for every subscriber, staff-only filtering, coalesced counts. */
import { describe, expect, it } from 'vitest';
import type { RoomOutbox, RoomOutboxEvent } from '../domain/rooms/outbox.js';
import { RoomFanout, type RoomSubscriber } from './roomFanout.js';
import { frameText, type WireFrame } from './wireFrame.js';

class FakeTimers {
  pending: Array<() => void> = [];
  setTimeout(fn: () => void) {
    this.pending.push(fn);
    return this.pending.length;
  }
  clearTimeout() {
    this.pending = [];
  }
  fire() {
    const p = this.pending;
    this.pending = [];
    p.forEach((f) => f());
  }
}

class Sink implements RoomSubscriber {
  events: WireFrame[] = [];
  counts: WireFrame[] = [];
  constructor(readonly userId: string) {}
  deliverRoomEvent(_e: RoomOutboxEvent, frame: WireFrame) {
    this.events.push(frame);
  }
  deliverRoomCounts(frame: WireFrame) {
    this.counts.push(frame);
  }
  ended = false;
  endRoom() {
    this.ended = true;
  }
}

const outbox = (counts: [number, number], event: RoomOutboxEvent | null = null): RoomOutbox => ({ roomId: 'r1', counts: { speakerCount: counts[0], listenerCount: counts[1] }, event });

describe('RoomFanout', () => {
  it('builds one frame per event and hands the same bytes to every subscriber', () => {
    const f = new RoomFanout(1000, new FakeTimers());
    const sinks = Array.from({ length: 8000 }, (_, i) => new Sink(`u${i}`));
    for (const s of sinks) f.add('r1', s);
    f.route(outbox([1, 8000], { seq: 7, type: 'room.message_created', data: { message: { text: 'hi' } }, to: null }));
    expect(f.framesBuilt).toBe(1);
    const frame = sinks[0]!.events[0]!;
    expect(JSON.parse(frameText(frame))).toEqual({ type: 'room.message_created', roomId: 'r1', seq: 7, data: { message: { text: 'hi' } } });
    expect(sinks.every((s) => s.events.length === 1 && s.events[0] === frame)).toBe(true);
    // Another room's event costs these subscribers nothing.
    f.route({ ...outbox([1, 1], { seq: 1, type: 'room.ended', data: {}, to: null }), roomId: 'r2' });
    expect(f.framesBuilt).toBe(1);
  });

  it('sends at most one counts frame per interval, with the latest counts, however many people came and went', () => {
    const timers = new FakeTimers();
    const f = new RoomFanout(1000, timers);
    const a = new Sink('a');
    f.add('r1', a);
    f.knowCounts('r1', { speakerCount: 1, listenerCount: 0 });
    for (let n = 1; n <= 8000; n++) f.route(outbox([1, n]));
    expect(timers.pending).toHaveLength(1);
    expect(a.counts).toEqual([]);
    timers.fire();
    expect(a.counts.map((c) => JSON.parse(frameText(c)))).toEqual([{ type: 'room.counts', roomId: 'r1', data: { speakerCount: 1, listenerCount: 8000, speakingIds: [] } }]);
    // Nothing changed: nothing to send.
    f.route(outbox([1, 8000]));
    expect(timers.pending).toHaveLength(0);
  });

  it('ends the subscriptions of someone who left, after their last event', () => {
    const f = new RoomFanout(1000, new FakeTimers());
    const [a, b] = [new Sink('a'), new Sink('b')];
    f.add('r1', a);
    f.add('r1', b);
    f.route({ ...outbox([1, 1], { seq: 3, type: 'room.stage_changed', data: { role: null }, to: null }), gone: 'a' });
    expect([a.events.length, a.ended, b.events.length, b.ended]).toEqual([1, true, 1, false]);
  });

  it('forgets a room when its last subscriber goes', () => {
    const f = new RoomFanout(1000, new FakeTimers());
    const a = new Sink('a');
    f.add('r1', a);
    f.remove('r1', a);
    expect(f.subscriberCount('r1')).toBe(0);
    f.route(outbox([1, 1], { seq: 2, type: 'room.updated', data: {}, to: null }));
    expect(a.events).toEqual([]);
  });
});
