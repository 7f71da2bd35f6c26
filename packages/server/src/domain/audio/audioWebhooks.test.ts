/**
 * The audio service's signed webhooks through the public API (docs/api/audio-webhooks.md): a real
 * server over HTTP in external rooms mode, a fake clock, each test its own people and rooms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@backchannel/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, listen, people, roomFrames } from '../rooms/rooms.test-helpers.js';
import { ev, eventId, extRoomId, OLD_SECRET, postSigned, SECRET } from './audio.test-helpers.js';
import { loadConfig } from '../../config/config.js';
import { RoomPresence } from '../../gateway/roomPresence.js';
import { builtinRooms, externalRooms, type RoomsPort } from './roomsPort.js';
import { signAudioWebhook } from './signature.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomsMode: 'external', audioWebhookSecret: SECRET, audioWebhookPreviousSecret: OLD_SECRET, audioWebhookMaxSkewSeconds: 300, roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

/** Starts an audio room hosted by `host`; returns both ids. */
async function started(host: TestUser, title = 'Audio night'): Promise<{ ext: string; roomId: string }> {
  const ext = extRoomId();
  const r = await postSigned(s, ev(s, 'room.started', { roomId: ext, title, hostId: host.id }));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.outcome).toBe('applied');
  return { ext, roomId: r.body.roomId! };
}

const getRoom = async (u: TestUser, roomId: string) => (await api<{ room: Room }>(s, u, 'GET', `/v1/rooms/${roomId}`)).body.room;

describe('signatures', () => {
  it('accepts the current secret, the previous one, and both at once (a rotation)', async () => {
    const [host] = await people(s, 1);
    for (const secrets of [[SECRET], [OLD_SECRET], [OLD_SECRET, SECRET]]) {
      const r = await postSigned(s, ev(s, 'room.started', { roomId: extRoomId(), title: 'Rotation', hostId: host.id }), { secrets });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.outcome).toBe('applied');
    }
  });

  it('refuses a wrong secret, a changed body, a missing or malformed header — and writes nothing', async () => {
    const [host] = await people(s, 1);
    const ext = extRoomId();
    const event = ev(s, 'room.started', { roomId: ext, title: 'Forged', hostId: host.id });
    const body = JSON.stringify(event);
    const t = Math.floor(clock.now() / 1000);
    const tampered = body.replace('Forged', 'Forgee');
    const cases: Array<[string | null, string]> = [
      [signAudioWebhook(['some-other-secret-0123456789abcdef012345'], body, t), body],
      [signAudioWebhook([SECRET], body, t), tampered],
      [signAudioWebhook([SECRET], body, t + 1).replace(/^t=\d+/, `t=${t}`), body], // timestamp not the signed one
      [null, body],
      ['v1=abc', body],
      [`t=${t}`, body],
      [`t=${t},v1=${'zz'.repeat(32)}`, body],
    ];
    for (const [header, raw] of cases) {
      const r = await postSigned(s, raw, { header });
      expect(r.status, String(header)).toBe(401);
      expect(r.body.code).toBe('bad_signature');
    }
    // An unsigned request with no body at all is refused the same way.
    const empty = await fetch(`${s.url}/v1/integrations/audio/events`, { method: 'POST' });
    expect(empty.status).toBe(401);
    expect(((await empty.json()) as { code: string }).code).toBe('bad_signature');
    // None of them started the room: the same event, properly signed, is new.
    const ok = await postSigned(s, event);
    expect(ok.body.outcome).toBe('applied');
  });

  it('refuses a timestamp outside the allowed skew, either way, and accepts one inside it', async () => {
    const [host] = await people(s, 1);
    const event = ev(s, 'room.started', { roomId: extRoomId(), title: 'Late', hostId: host.id });
    for (const atMs of [clock.now() - 301_000, clock.now() + 301_000]) {
      const r = await postSigned(s, event, { atMs });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: 'stale_timestamp', details: { maxSkewSeconds: 300 } });
    }
    expect((await postSigned(s, event, { atMs: clock.now() - 299_000 })).body.outcome).toBe('applied');
  });
});

describe('idempotency and order', () => {
  it('applies a replayed event id once', async () => {
    const [host, a] = await people(s, 2);
    const { ext, roomId } = await started(host);
    const join = ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'speaker' });
    expect((await postSigned(s, join)).body).toMatchObject({ outcome: 'applied', roomId });
    const seq = (await getRoom(host, roomId)).seq;
    clock.advance(1000);
    // The same event again (re-signed later, as a retry is) and even with another body: a no-op.
    expect((await postSigned(s, join)).body).toEqual({ eventId: join.id, outcome: 'duplicate', roomId: null });
    expect((await postSigned(s, { ...join, data: { ...join.data, role: 'moderator' } })).body.outcome).toBe('duplicate');
    const room = await getRoom(host, roomId);
    expect(room.seq).toBe(seq);
    expect(room.stage.find((m) => m.user.id === a.id)?.role).toBe('speaker');
  });

  it('answers not_found for a room not started yet, records nothing, and applies the retry after room.started', async () => {
    const [host, a] = await people(s, 2);
    const ext = extRoomId();
    const join = ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'listener' });
    const early = await postSigned(s, join);
    expect(early.status).toBe(404);
    expect(early.body).toMatchObject({ code: 'not_found', details: { field: 'data.roomId' } });
    const start = await postSigned(s, ev(s, 'room.started', { roomId: ext, title: 'Late start', hostId: host.id }));
    expect((await postSigned(s, join)).body).toMatchObject({ outcome: 'applied', roomId: start.body.roomId });
    expect((await getRoom(host, start.body.roomId!)).listenerCount).toBe(1);
  });

  it('ignores an older event about a person than one already applied, and anything after the end', async () => {
    const [host, a] = await people(s, 2);
    const { ext, roomId } = await started(host);
    const t = clock.now();
    expect((await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'speaker' }, { occurredAt: t + 10 }))).body.outcome).toBe('applied');
    // A "left" that happened before that join arrives late: stale, they stay.
    expect((await postSigned(s, ev(s, 'participant.left', { roomId: ext, userId: a.id }, { occurredAt: t + 5 }))).body).toMatchObject({ outcome: 'stale', roomId });
    expect((await getRoom(host, roomId)).stage.map((m) => m.user.id)).toContain(a.id);
    // role.changed before joined (the join was late): the role places them; the join is then stale.
    const [b] = await people(s, 1);
    expect((await postSigned(s, ev(s, 'role.changed', { roomId: ext, userId: b.id, role: 'moderator' }, { occurredAt: t + 20 }))).body.outcome).toBe('applied');
    expect((await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: b.id, role: 'listener' }, { occurredAt: t + 15 }))).body.outcome).toBe('stale');
    expect((await getRoom(host, roomId)).stage.find((m) => m.user.id === b.id)?.role).toBe('moderator');
    expect((await postSigned(s, ev(s, 'room.ended', { roomId: ext }))).body.outcome).toBe('applied');
    expect((await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: host.id, role: 'host' }, { occurredAt: t + 100 }))).body.outcome).toBe('stale');
    expect((await postSigned(s, ev(s, 'room.ended', { roomId: ext }))).body.outcome).toBe('stale');
  });
});

describe('each event changes the room, and subscribers see the same frames as in built-in mode', () => {
  it('started, joined, role changed, speaking, left, ended', async () => {
    const [host, a, b] = await people(s, 3);
    const { ext, roomId } = await started(host, 'The whole story');
    let room = await getRoom(host, roomId);
    expect(room).toMatchObject({ title: 'The whole story', status: 'live', hostId: host.id, speakerCount: 1, listenerCount: 0, me: { role: 'host' } });
    const { spy } = await listen(s, host, roomId, room.seq);

    // A listener: counted, no room event (as a built-in join).
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'listener' }));
    s.router.rooms.flushCounts();
    await spy.waitFor((f) => f.type === 'room.counts' && f.data.listenerCount === 1);
    // A speaker: on the stage.
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: b.id, role: 'speaker' }));
    await spy.waitFor((f) => f.type === 'room.stage_changed' && f.data.user.id === b.id && f.data.role === 'speaker');
    // The listener goes up as a moderator.
    await postSigned(s, ev(s, 'role.changed', { roomId: ext, userId: a.id, role: 'moderator' }));
    await spy.waitFor((f) => f.type === 'room.stage_changed' && f.data.user.id === a.id && f.data.role === 'moderator');
    // Speaking: coalesced into room.counts, and in the room's stage.
    await postSigned(s, ev(s, 'speaking.changed', { roomId: ext, userId: b.id, speaking: true }));
    s.router.rooms.flushCounts();
    await spy.waitFor((f) => f.type === 'room.counts' && f.data.speakingIds.includes(b.id));
    expect((await getRoom(a, roomId)).stage.find((m) => m.user.id === b.id)?.speaking).toBe(true);
    // A new host: the old one stays on the stage as a moderator.
    await postSigned(s, ev(s, 'role.changed', { roomId: ext, userId: a.id, role: 'host' }));
    await spy.waitFor((f) => f.type === 'room.updated' && f.data.hostId === a.id);
    room = await getRoom(b, roomId);
    expect(room.hostId).toBe(a.id);
    expect(Object.fromEntries(room.stage.map((m) => [m.user.id, m.role]))).toEqual({ [a.id]: 'host', [host.id]: 'moderator', [b.id]: 'speaker' });
    // The speaker leaves: off the stage, and no longer speaking.
    await postSigned(s, ev(s, 'participant.left', { roomId: ext, userId: b.id }));
    await spy.waitFor((f) => f.type === 'room.stage_changed' && f.data.user.id === b.id && f.data.role === null);
    s.router.rooms.flushCounts();
    await spy.waitFor((f) => f.type === 'room.counts' && f.data.speakingIds.length === 0 && f.data.speakerCount === 2);
    // A listener who leaves stops receiving the room's events on their sockets (as a built-in leave).
    const [c] = await people(s, 1);
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: c.id, role: 'listener' }));
    const cs = await listen(s, c, roomId, (await getRoom(c, roomId)).seq);
    await postSigned(s, ev(s, 'participant.left', { roomId: ext, userId: c.id }));
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: b.id, role: 'speaker' }));
    await spy.waitFor((f) => f.type === 'room.stage_changed' && f.data.user.id === b.id && f.data.role === 'speaker');
    await cs.spy.settle();
    expect(roomFrames(cs.spy, roomId).filter((f) => f.type === 'room.stage_changed')).toEqual([]);
    cs.spy.close();
    // The end.
    await postSigned(s, ev(s, 'room.ended', { roomId: ext }));
    await spy.waitFor((f) => f.type === 'room.ended' && f.roomId === roomId);
    expect((await getRoom(host, roomId)).status).toBe('ended');
    // Room events came in seq order with no gap, as in built-in mode.
    const seqs = roomFrames(spy, roomId).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    spy.close();
  });

  it('keeps people removed by the room\'s staff out, and refuses people\'s own lifecycle and role actions', async () => {
    const [host, a, c] = await people(s, 3);
    const { ext, roomId } = await started(host);
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'listener' }));
    // Chat, hands, mutes and removal stay ours.
    expect((await api(s, a, 'POST', `/v1/rooms/${roomId}/messages`, { clientMessageId: 'm1', text: 'hello' })).status).toBe(200);
    expect((await api(s, host, 'POST', `/v1/rooms/${roomId}/people/${a.id}/remove`)).status).toBe(200);
    expect((await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'speaker' }))).body.outcome).toBe('ignored');
    expect((await getRoom(host, roomId)).stage.map((m) => m.user.id)).toEqual([host.id]);
    // Lifecycle and roles belong to the audio service here.
    const refusals: Array<[TestUser, string, string]> = [
      [c, 'POST', '/v1/rooms'],
      [c, 'POST', `/v1/rooms/${roomId}/join`],
      [host, 'POST', `/v1/rooms/${roomId}/end`],
      [host, 'POST', `/v1/rooms/${roomId}/leave`],
      [host, 'PUT', `/v1/rooms/${roomId}/moderators/${c.id}`],
      [c, 'DELETE', `/v1/rooms/${roomId}/speak`],
    ];
    for (const [u, method, path] of refusals) {
      const r = await api(s, u, method, path, method === 'POST' && path === '/v1/rooms' ? { title: 'Mine' } : undefined);
      expect(r.status, path).toBe(409);
      expect(r.body.code).toBe('room_managed_externally');
    }
    // Clients learn it from the room, to hide those controls.
    expect((await getRoom(host, roomId)).managedExternally).toBe(true);
    expect((await api<{ managedExternally?: boolean }>(s, c, 'GET', '/v1/rooms')).body.managedExternally).toBe(true);
    // Someone the audio service reported in the room may "join" (the web app does before subscribing): a no-op.
    const [d] = await people(s, 1);
    await postSigned(s, ev(s, 'participant.joined', { roomId: ext, userId: d.id, role: 'listener' }));
    const joined = await api<{ room: Room }>(s, d, 'POST', `/v1/rooms/${roomId}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body.room.me.role).toBe('listener');
  });
});

describe('presence in external mode', () => {
  /** Runs one presence lapse of `host` in `roomId` through `port`, as the gateway does when their last socket goes. */
  async function lapse(port: RoomsPort, host: TestUser, roomId: string): Promise<void> {
    const pending: Array<() => void> = [];
    let done: Promise<void> = Promise.resolve();
    const timers = { setTimeout: (fn: () => void) => pending.push(fn), clearTimeout: () => undefined };
    const presence = new RoomPresence(s.deps, (err) => { throw err; }, timers, (u, r) => (done = port.presenceLapsed(u, r)));
    try {
      presence.add(roomId, (await s.deps.store.read.users.byId(host.id))!);
      presence.remove(roomId, host.id);
      expect(pending).toHaveLength(1);
      pending[0]!();
      await done;
    } finally {
      presence.close();
    }
  }

  it('a socket going away makes nobody leave (the audio service says who is in); built-in it would', async () => {
    const [h1, h2] = await people(s, 2);
    const one = await started(h1);
    const two = await started(h2);
    // Past the presence grace period since anyone vouched for them (leaveRoom re-checks it).
    clock.advance(31_000);
    await lapse(externalRooms(s.deps), h1, one.roomId);
    expect((await getRoom(h1, one.roomId)).me.role).toBe('host');
    await lapse(builtinRooms(s.deps), h2, two.roomId);
    expect((await getRoom(h2, two.roomId)).me.role).toBeNull();
  });
});

describe('bad bodies: a stable code, nothing written', () => {
  it('refuses unknown types, wrong and extra fields, bad JSON, unknown people and bad titles', async () => {
    const [host] = await people(s, 1);
    const { ext, roomId } = await started(host);
    const seq = (await getRoom(host, roomId)).seq;
    const bad: Array<[unknown, number, string, Record<string, unknown>?]> = [
      [ev(s, 'room.paused', { roomId: ext }), 400, 'unknown_event_type', { type: 'room.paused' }],
      [{ id: eventId(), occurredAt: clock.now(), data: { roomId: ext } }, 400, 'bad_request', { field: 'type' }],
      [ev(s, 'participant.joined', { roomId: ext, userId: host.id, role: 'owner' }), 400, 'bad_request', { field: 'data.role' }],
      [ev(s, 'participant.joined', { roomId: ext, userId: host.id, role: 'listener', extra: 1 }), 400, 'bad_request'],
      [{ ...ev(s, 'room.ended', { roomId: ext }), occurredAt: 'yesterday' }, 400, 'bad_request', { field: 'occurredAt' }],
      [{ ...ev(s, 'room.ended', { roomId: ext }), id: '' }, 400, 'bad_request', { field: 'id' }],
      ['{"id": "x", "type": ', 400, 'bad_json'],
      ['[1, 2]', 400, 'bad_request', { field: 'body' }],
      [ev(s, 'participant.joined', { roomId: ext, userId: 'nobody-here', role: 'listener' }), 404, 'not_found', { field: 'data.userId' }],
      [ev(s, 'room.started', { roomId: extRoomId(), title: 'evil\u202Etitle', hostId: host.id }), 400, 'invalid_text'],
      [ev(s, 'room.started', { roomId: extRoomId(), title: 'no host', hostId: 'nobody-here' }), 404, 'not_found', { field: 'data.hostId' }],
    ];
    for (const [body, status, code, details] of bad) {
      const r = await postSigned(s, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.code, JSON.stringify(r.body)).toBe(code);
      if (details) expect(r.body.details).toMatchObject(details);
    }
    // Nothing partial: the room did not move, and a refused event's id is still free.
    expect((await getRoom(host, roomId)).seq).toBe(seq);
    const refused = ev(s, 'room.started', { roomId: extRoomId(), title: 'bad\u0007', hostId: host.id });
    expect((await postSigned(s, refused)).body.code).toBe('invalid_text');
    expect((await postSigned(s, { ...refused, data: { ...refused.data, title: 'fixed' } })).body.outcome).toBe('applied');
  });
});

describe('the OpenAPI document', () => {
  it('documents the webhook: tag, no bearer auth, the signature header, the event bodies and the result', async () => {
    type Op = { tags: string[]; security: unknown[]; parameters: Array<{ in: string; name: string; required?: boolean }>; requestBody: { content: Record<string, { schema: { anyOf?: unknown[] } }> }; responses: Record<string, unknown> };
    const doc = (await api<{ paths: Record<string, Record<string, Op>> }>(s, null, 'GET', '/openapi.json')).body;
    const op = doc.paths['/v1/integrations/audio/events']?.post;
    expect(op?.tags).toEqual(['integrations']);
    expect(op?.security).toEqual([]);
    expect(op?.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'backchannel-signature', required: true }));
    expect(op?.requestBody.content['application/json']?.schema.anyOf).toHaveLength(6);
    expect(Object.keys(op?.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '409', '413', '500', '503']);
    const unauthorized = op?.responses['401'] as { content: Record<string, { schema: { allOf: Array<{ properties?: { code?: { enum?: string[] } } }> } }> };
    expect(unauthorized.content['application/json']?.schema.allOf[1]?.properties?.code?.enum).toEqual(['bad_signature', 'stale_timestamp']);
  });
});

describe('built-in mode', () => {
  it('has no webhook route (nor in the OpenAPI document), and people drive rooms themselves', async () => {
    const b = await startTestServer({ roomSweepIntervalMs: 0 });
    try {
      const [host] = await people(b, 1);
      const r = await postSigned(b, ev(b, 'room.started', { roomId: extRoomId(), title: 'x', hostId: host.id }));
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('not_found');
      const doc = (await api<{ paths: Record<string, unknown> }>(b, null, 'GET', '/openapi.json')).body;
      expect(Object.keys(doc.paths)).not.toContain('/v1/integrations/audio/events');
      expect(Object.keys(doc.paths)).toContain('/v1/rooms');
      expect((await api(b, host, 'POST', '/v1/rooms', { title: 'Mine' })).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});

describe('configuration', () => {
  it('refuses external mode without a long enough secret, and a short previous secret', () => {
    expect(() => loadConfig({ BACKCHANNEL_ROOMS_MODE: 'external' })).toThrow(/BACKCHANNEL_AUDIO_WEBHOOK_SECRET/);
    expect(() => loadConfig({ BACKCHANNEL_ROOMS_MODE: 'external', BACKCHANNEL_AUDIO_WEBHOOK_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ BACKCHANNEL_ROOMS_MODE: 'external', BACKCHANNEL_AUDIO_WEBHOOK_SECRET: SECRET, BACKCHANNEL_AUDIO_WEBHOOK_PREVIOUS_SECRET: 'old' })).toThrow(/PREVIOUS_SECRET/);
    expect(loadConfig({ BACKCHANNEL_ROOMS_MODE: 'external', BACKCHANNEL_AUDIO_WEBHOOK_SECRET: SECRET })).toMatchObject({ roomsMode: 'external', audioWebhookPreviousSecret: null, audioWebhookMaxSkewSeconds: 300 });
  });
});

// Last: it moves the shared clock by days.
describe('the dedupe window', () => {
  it('forgets processed ids after 7 days (the sweep), when per-person order still keeps a replay from undoing anything', async () => {
    const [host, a] = await people(s, 2);
    const { ext, roomId } = await started(host);
    const join = ev(s, 'participant.joined', { roomId: ext, userId: a.id, role: 'speaker' });
    await postSigned(s, join);
    await postSigned(s, ev(s, 'participant.left', { roomId: ext, userId: a.id }, { occurredAt: clock.now() + 1 }));
    clock.advance(6 * 86_400_000);
    await externalRooms(s.deps).sweep();
    expect((await postSigned(s, join)).body.outcome).toBe('duplicate');
    clock.advance(2 * 86_400_000);
    await externalRooms(s.deps).sweep();
    // The id is gone, but the join is older than the newest event about them: stale, they stay out.
    expect((await postSigned(s, join)).body.outcome).toBe('stale');
    // Eight days with no socket and no staff sweep: the room is still live, its host still in it.
    const room = await getRoom(host, roomId);
    expect(room.status).toBe('live');
    expect(room.stage.map((m) => m.user.id)).toEqual([host.id]);
  });
});
