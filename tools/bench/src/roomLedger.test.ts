import { describe, expect, it } from 'vitest';
import { checkRoomLedger, RoomListenerLedger, roomCmid, roomMessageIndex } from './roomLedger.js';

describe('room ledger', () => {
  it('numbers messages through their client message ids', () => {
    expect(roomMessageIndex(roomCmid(41))).toBe(41);
    expect(roomMessageIndex('3.1')).toBe(-1);
    expect(roomMessageIndex('r.x')).toBe(-1);
  });

  it('passes when every listener got every acked message once, and takes the last listener per message', () => {
    const a = new RoomListenerLedger(2);
    const b = new RoomListenerLedger(1);
    for (const n of [0, 1]) {
      a.record(0, roomCmid(n), n + 1, 1000);
      a.record(1, roomCmid(n), n + 1, 3000 + n);
      b.record(0, roomCmid(n), n + 1, 2000);
    }
    const v = checkRoomLedger([{ acked: [0, 1], failed: [] }], [a.part(), b.part()]);
    expect(v).toMatchObject({ acked: 2, listeners: 3, expectedDeliveries: 6, delivered: 6, lost: 0, duplicated: 0, outOfOrder: 0, incompleteMessages: 0 });
    expect(v.lastListener.count).toBe(2);
    expect(v.lastListener.max).toBe(3001);
  });

  it('counts a missing delivery as lost, a second copy as duplicated, a backwards seq as out of order', () => {
    const a = new RoomListenerLedger(2);
    a.record(0, roomCmid(0), 5, 10);
    a.record(0, roomCmid(0), 4, 10); // a second copy, and the seq went back
    a.record(0, roomCmid(1), 6, 10);
    a.record(1, roomCmid(1), 6, 10); // listener 1 never got message 0
    a.record(1, roomCmid(2), 7, 10); // message 2 failed at its sender, yet was delivered
    a.record(1, 'someone-else', 8, 10);
    const v = checkRoomLedger([{ acked: [0, 1], failed: [2] }], [a.part()]);
    expect(v).toMatchObject({ delivered: 3, lost: 1, duplicated: 1, outOfOrder: 1, incompleteMessages: 1, deliveredFailed: 1, foreign: 1 });
    expect(v.lastListener.count).toBe(1);
  });
});
