import { describe, expect, it } from 'vitest';
import type { BenchConversation } from './drivers/types.js';
import { checkLedger, emptyLedger } from './ledger.js';

const convs: BenchConversation[] = [
  { index: 0, id: 'c0', members: [0, 1] },
  { index: 1, id: 'c1', members: [0, 2, 3] },
];

describe('checkLedger', () => {
  it('passes when every acked message reached every member once', () => {
    const p = emptyLedger();
    p.acked.push({ cmid: '0.0', conversation: 0, sender: 0 }, { cmid: '2.0', conversation: 1, sender: 2 });
    p.received.push(['0.0', 1], ['2.0', 0], ['2.0', 3]);
    const v = checkLedger([p], convs, false);
    expect(v).toMatchObject({ acked: 2, expectedDeliveries: 3, delivered: 3, lost: 0, duplicated: 0, misrouted: 0 });
  });

  it('counts lost, duplicated, misrouted, failed-but-delivered and unacked deliveries', () => {
    const sender = emptyLedger();
    const receivers = emptyLedger();
    sender.acked.push({ cmid: '0.0', conversation: 1, sender: 0 });
    sender.failed.push({ cmid: '0.1', conversation: 0, sender: 0 });
    receivers.received.push(['0.0', 2], ['0.0', 2], ['0.0', 1], ['0.1', 1], ['0.2', 1]);
    const v = checkLedger([sender, receivers], convs, false);
    expect(v.lost).toBe(1); // member 3 never got 0.0
    expect(v.duplicated).toBe(1); // member 2 got it twice
    expect(v.misrouted).toBe(1); // user 1 is not in conversation 1
    expect(v.deliveredFailed).toBe(1);
    expect(v.deliveredUnacked).toBe(1);
  });

  it('expects the sender to receive its own message when the server echoes to the sender', () => {
    const p = emptyLedger();
    p.acked.push({ cmid: '0.0', conversation: 0, sender: 0 });
    p.received.push(['0.0', 1]);
    expect(checkLedger([p], convs, true).lost).toBe(1);
    p.received.push(['0.0', 0]);
    expect(checkLedger([p], convs, true).lost).toBe(0);
  });
});
