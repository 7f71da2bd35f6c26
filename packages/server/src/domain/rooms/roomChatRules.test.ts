/**
 * Room chat rules through the public API: on/off, modes (slow with the seconds to wait, followers
 * of the host, emoji only), mutes, and deleting (author, staff, not listeners). Fake clock, no sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, RoomMessagePage } from '@backchannel/protocol';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, createRoom, join, listen, people, say } from './rooms.test-helpers.js';

const clock = new TestClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ roomSweepIntervalMs: 0 }, { clock });
});
afterAll(async () => {
  await s.close();
});

async function room(chat: Record<string, unknown> = {}) {
  const [host, mod, a, b] = await people(s, 4);
  const r = await createRoom(s, host, { chat });
  for (const u of [mod, a, b]) await join(s, u, r.id);
  await api(s, host, 'PUT', `/v1/rooms/${r.id}/moderators/${mod.id}`);
  return { room: r, host, mod, a, b };
}

const setChat = (t: Awaited<ReturnType<typeof room>>, body: Record<string, unknown>, who = t.host) => api<{ room: Room; code?: string }>(s, who, 'PATCH', `/v1/rooms/${t.room.id}/chat`, body);

describe('chat on and off, and modes', () => {
  it('switches live: everyone sees room.updated; off refuses everyone, staff included', async () => {
    const t = await room();
    const { spy } = await listen(s, t.a, t.room.id);
    expect((await setChat(t, { enabled: false }, t.a)).body).toMatchObject({ code: 'forbidden' });
    expect((await setChat(t, { enabled: false }, t.mod)).body.room.chat.enabled).toBe(false);
    expect(await spy.waitFor((f) => f.type === 'room.updated')).toMatchObject({ data: { chat: { enabled: false } } });
    expect((await say(s, t.a, t.room.id, 'hi')).body).toMatchObject({ code: 'room_chat_off' });
    expect((await say(s, t.host, t.room.id, 'hi')).body).toMatchObject({ code: 'room_chat_off' });
    await setChat(t, { enabled: true });
    expect((await say(s, t.a, t.room.id, 'hi')).status).toBe(200);
    spy.close();
  });

  it('starts off when the operator says so, and a host may start it on', async () => {
    const off = await startTestServer({ roomChatDefaultOn: false });
    try {
      const [host] = await people(off, 1);
      expect((await createRoom(off, host)).chat.enabled).toBe(false);
      expect((await createRoom(off, host, { chat: { enabled: true } })).chat.enabled).toBe(true);
    } finally {
      await off.close();
    }
  });

  it('slow mode: one message per N seconds per listener, with the seconds left; staff exempt', async () => {
    const t = await room();
    await setChat(t, { mode: 'slow', slowSeconds: 30 });
    expect((await say(s, t.a, t.room.id, 'first')).status).toBe(200);
    clock.advance(10_000);
    const second = await say(s, t.a, t.room.id, 'second');
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'room_slow_mode', details: { slowSeconds: 30, retryAfterMs: 20_000 } });
    expect((await say(s, t.b, t.room.id, 'another person')).status).toBe(200);
    expect((await say(s, t.mod, t.room.id, 'mod 1')).status).toBe(200);
    expect((await say(s, t.mod, t.room.id, 'mod 2')).status).toBe(200);
    clock.advance(20_000);
    expect((await say(s, t.a, t.room.id, 'second, later')).status).toBe(200);
  });

  it('followers only: listeners who follow the host may chat, others may not', async () => {
    const t = await room();
    await api(s, t.a, 'PUT', `/v1/users/${t.host.id}/follow`);
    await setChat(t, { mode: 'followers' });
    expect((await say(s, t.a, t.room.id, 'I follow')).status).toBe(200);
    expect((await say(s, t.b, t.room.id, 'I do not')).body).toMatchObject({ code: 'room_followers_only' });
    expect((await say(s, t.mod, t.room.id, 'staff')).status).toBe(200);
  });

  it('emoji only: refuses words, accepts emoji with skin tones, flags and keycaps', async () => {
    const t = await room({ mode: 'emoji' });
    expect((await say(s, t.a, t.room.id, 'nice 👍')).body).toMatchObject({ code: 'room_emoji_only' });
    expect((await say(s, t.a, t.room.id, '123')).body).toMatchObject({ code: 'room_emoji_only' });
    expect((await say(s, t.a, t.room.id, '👍🏽 🇫🇷 1️⃣ ❤️')).status).toBe(200);
    expect((await say(s, t.host, t.room.id, 'staff may write words')).status).toBe(200);
  });

  it('refuses a mode the protocol does not know, and a slow interval out of range', async () => {
    const t = await room();
    expect((await setChat(t, { mode: 'quiet' })).body).toMatchObject({ code: 'bad_request', details: { field: 'mode' } });
    expect((await setChat(t, { slowSeconds: 0 })).body).toMatchObject({ code: 'bad_request', details: { field: 'slowSeconds' } });
  });
});

describe('mutes', () => {
  it('mutes for N minutes with the time left, tells the person and the staff, lifts at the end', async () => {
    const t = await room();
    const la = await listen(s, t.a, t.room.id);
    const lb = await listen(s, t.b, t.room.id);
    expect((await api(s, t.b, 'PUT', `/v1/rooms/${t.room.id}/mutes/${t.a.id}`, { minutes: 5 })).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.mod, 'PUT', `/v1/rooms/${t.room.id}/mutes/${t.a.id}`, { minutes: 5 })).status).toBe(200);
    expect(await la.spy.waitFor((f) => f.type === 'room.mute_changed')).toMatchObject({ data: { userId: t.a.id } });
    expect((await say(s, t.a, t.room.id, 'hello')).body).toMatchObject({ code: 'room_chat_muted', details: { retryAfterMs: 300_000 } });
    const me = await api<{ room: Room }>(s, t.a, 'GET', `/v1/rooms/${t.room.id}`);
    expect(me.body.room.me.chatMutedUntil).not.toBeNull();
    clock.advance(300_000);
    expect((await say(s, t.a, t.room.id, 'hello again')).status).toBe(200);
    await lb.spy.waitFor((f) => f.type === 'room.message_created');
    expect(lb.spy.frames.some((f) => f.type === 'room.mute_changed')).toBe(false);
    la.spy.close();
    lb.spy.close();
  });

  it('mutes for the rest of the room (no time left given) until lifted; moderators cannot mute the host', async () => {
    const t = await room();
    await api(s, t.host, 'PUT', `/v1/rooms/${t.room.id}/mutes/${t.a.id}`, { minutes: null });
    const refused = await say(s, t.a, t.room.id, 'hello');
    expect(refused.body).toMatchObject({ code: 'room_chat_muted' });
    expect(refused.body.details).toBeUndefined();
    expect((await api(s, t.mod, 'PUT', `/v1/rooms/${t.room.id}/mutes/${t.host.id}`, { minutes: 1 })).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.host, 'PUT', `/v1/rooms/${t.room.id}/mutes/${t.a.id}`, { minutes: 0 })).body).toMatchObject({ code: 'bad_request', details: { field: 'minutes' } });
    await api(s, t.mod, 'DELETE', `/v1/rooms/${t.room.id}/mutes/${t.a.id}`);
    expect((await say(s, t.a, t.room.id, 'free')).status).toBe(200);
  });
});

describe('deleting chat messages', () => {
  it('lets the author and the staff delete (a tombstone, live), not other listeners', async () => {
    const t = await room();
    const { spy } = await listen(s, t.b, t.room.id);
    const mine = (await say(s, t.a, t.room.id, 'my words')).body.message;
    const other = (await say(s, t.b, t.room.id, 'b words')).body.message;
    expect((await api(s, t.a, 'DELETE', `/v1/rooms/${t.room.id}/messages/${other.id}`)).body).toMatchObject({ code: 'forbidden' });
    expect((await api(s, t.a, 'DELETE', `/v1/rooms/${t.room.id}/messages/${mine.id}`)).status).toBe(200);
    expect((await api(s, t.mod, 'DELETE', `/v1/rooms/${t.room.id}/messages/${other.id}`)).status).toBe(200);
    // Twice is fine; an unknown id is not found.
    expect((await api(s, t.mod, 'DELETE', `/v1/rooms/${t.room.id}/messages/${other.id}`)).status).toBe(200);
    expect((await api(s, t.mod, 'DELETE', `/v1/rooms/${t.room.id}/messages/nosuchmessage`)).body).toMatchObject({ code: 'not_found' });
    await spy.waitFor((f) => f.type === 'room.message_deleted' && (f.data as { messageId: string }).messageId === other.id);
    const deletions = spy.frames.filter((f) => f.type === 'room.message_deleted').map((f) => f.data);
    expect(deletions).toEqual([
      { messageId: mine.id, by: 'author' },
      { messageId: other.id, by: 'moderator' },
    ]);
    const page = await api<RoomMessagePage>(s, t.b, 'GET', `/v1/rooms/${t.room.id}/messages`);
    expect(page.body.messages.map((m) => [m.text, m.deleted])).toEqual([
      ['', 'author'],
      ['', 'moderator'],
    ]);
    spy.close();
  });
});
