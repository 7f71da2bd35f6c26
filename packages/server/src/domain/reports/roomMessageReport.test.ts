/**
 * Reporting a room chat message (`target: {kind: 'room_message'}`), through the public API: the
 * moderation queue gets the room, the message as it was (even after it is deleted), its author and
 * the chat around it; the reporter must be able to see the message; refusals write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportReceipt, RoomMessage } from '@backchannel/protocol';
import { RELAXED_REQUEST_LIMITS, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, createRoom, join, people, say } from '../rooms/rooms.test-helpers.js';

let s: TestServer;
let op: TestUser;
beforeAll(async () => {
  s = await startTestServer({ ...RELAXED_REQUEST_LIMITS, roomSweepIntervalMs: 0 });
  [op] = await people(s, 1);
  await s.deps.store.write((tx) => tx.users.update(op!.id, { roles: ['operator'] }));
});
afterAll(async () => {
  await s.close();
});

const report = (u: TestUser, target: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  api<{ report: ReportReceipt; code?: string; details?: Record<string, unknown> }>(s, u, 'POST', '/v1/reports', { target, reason: 'harassment', ...extra });
const queue = async () => (await api<{ reports: Report[] }>(s, op, 'GET', '/v1/moderation/reports?state=open&limit=200')).body.reports;

/** A host, a troll and a reporter in a live room; ten messages, the troll's is the sixth. */
async function chatRoom() {
  const [host, troll, reporter, outsider] = await people(s, 4);
  const room = await createRoom(s, host!, { title: 'Late show' });
  for (const u of [troll!, reporter!]) await join(s, u, room.id);
  const sent: RoomMessage[] = [];
  for (let i = 1; i <= 10; i++) {
    const who = i === 6 ? troll! : i % 2 ? host! : reporter!;
    const res = await say(s, who, room.id, i === 6 ? 'you are all idiots' : `line ${i}`);
    expect(res.status).toBe(200);
    sent.push(res.body.message);
  }
  return { host: host!, troll: troll!, reporter: reporter!, outsider: outsider!, room, sent, bad: sent[5]! };
}

describe('reporting a room chat message', () => {
  it('puts the room, the message, its author and the chat around it in the queue; the text stays after a delete', async () => {
    const t = await chatRoom();
    const res = await report(t.reporter, { kind: 'room_message', roomId: t.room.id, messageId: t.bad.id }, { note: 'in the late show' });
    expect(res.status).toBe(201);

    // The author deletes it afterwards: the moderators still see what was said.
    expect((await api(s, t.troll, 'DELETE', `/v1/rooms/${t.room.id}/messages/${t.bad.id}`)).status).toBe(200);

    const got = await api<{ report: Report }>(s, op, 'GET', `/v1/moderation/reports/${res.body.report.id}`);
    expect(got.status).toBe(200);
    const r = got.body.report;
    expect(r).toMatchObject({
      target: { kind: 'room_message', roomId: t.room.id, messageId: t.bad.id },
      reporter: { id: t.reporter.id },
      reportedUser: { id: t.troll.id },
      conversationId: null,
      context: [],
      note: 'in the late show',
      room: { id: t.room.id, title: 'Late show', messageId: t.bad.id },
    });
    // Four before, the message, four after; as they were (the reported one not yet deleted).
    expect(r.room!.messages.map((m) => m.id)).toEqual(t.sent.slice(1, 10).map((m) => m.id));
    expect(r.room!.messages[4]).toMatchObject({ id: t.bad.id, text: 'you are all idiots', deleted: null, sender: { id: t.troll.id } });
    expect((await queue()).map((q) => q.id)).toContain(res.body.report.id);
  });

  it('answers the same report again for a repeat (200), and a report of another message is a new one', async () => {
    const t = await chatRoom();
    const target = { kind: 'room_message', roomId: t.room.id, messageId: t.bad.id };
    const first = await report(t.reporter, target);
    const again = await report(t.reporter, target, { reason: 'spam' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.report.id).toBe(first.body.report.id);
    const other = await report(t.reporter, { ...target, messageId: t.sent[6]!.id });
    expect(other.status).toBe(201);
    expect(other.body.report.id).not.toBe(first.body.report.id);
  });

  it('refuses what the reporter could not see, or that is not there, and writes nothing', async () => {
    const t = await chatRoom();
    const before = (await queue()).length;
    const other = await createRoom(s, t.host, { title: 'Another room' });
    const elsewhere = await say(s, t.host, other.id, 'in the other room');
    const closed = await createRoom(s, t.host, { visibility: 'closed', title: 'Closed' });
    const inClosed = await say(s, t.host, closed.id, 'secret');
    const target = (extra: Record<string, unknown>) => ({ kind: 'room_message', roomId: t.room.id, messageId: t.bad.id, ...extra });

    const unknown = await report(t.reporter, target({ messageId: 'no-such-message' }));
    expect([unknown.status, unknown.body.code, unknown.body.details]).toEqual([404, 'not_found', { field: 'messageId' }]);
    // A message of another room, named with this room: not found in this room.
    const mismatched = await report(t.reporter, target({ messageId: elsewhere.body.message.id }));
    expect([mismatched.status, mismatched.body.code, mismatched.body.details]).toEqual([404, 'not_found', { field: 'messageId' }]);
    expect((await report(t.reporter, target({ roomId: 'no-such-room' }))).body.code).toBe('not_found');
    // A closed room the reporter is not invited to looks like no room at all.
    const hidden = await report(t.reporter, { kind: 'room_message', roomId: closed.id, messageId: inClosed.body.message.id });
    expect([hidden.status, hidden.body.code, hidden.body.details]).toEqual([404, 'not_found', undefined]);
    // A live room's chat is for the people in it.
    expect((await report(t.outsider, target({}))).body.code).toBe('not_in_room');
    expect((await report(t.troll, target({}))).body.code).toBe('self_action');
    await api(s, t.host, 'DELETE', `/v1/rooms/${t.room.id}/messages/${t.sent[7]!.id}`);
    const deleted = await report(t.reporter, target({ messageId: t.sent[7]!.id }));
    expect([deleted.body.code, deleted.body.details]).toEqual(['not_found', { field: 'messageId' }]);
    expect((await report(t.reporter, { kind: 'room_message', roomId: t.room.id })).body.code).toBe('bad_request');
    expect((await report(t.reporter, { kind: 'room_message', roomId: t.room.id, messageId: t.bad.id, conversationId: 'x' })).body.code).toBe('bad_request');

    expect((await queue()).length).toBe(before);
  });

  it('lets whoever may see an ended room report from its replay, and blocks with the report when asked', async () => {
    const t = await chatRoom();
    expect((await api(s, t.host, 'POST', `/v1/rooms/${t.room.id}/end`)).status).toBe(200);
    const res = await report(t.outsider, { kind: 'room_message', roomId: t.room.id, messageId: t.bad.id }, { block: true });
    expect(res.status).toBe(201);
    const r = (await api<{ report: Report }>(s, op, 'GET', `/v1/moderation/reports/${res.body.report.id}`)).body.report;
    expect(r.room).toMatchObject({ id: t.room.id, title: 'Late show', messageId: t.bad.id });
    expect(r.reportedUser?.id).toBe(t.troll.id);
    const blocks = await api<{ users: Array<{ id: string }> }>(s, t.outsider, 'GET', '/v1/me/blocks');
    expect(blocks.body.users.map((u) => u.id)).toContain(t.troll.id);
  });
});
