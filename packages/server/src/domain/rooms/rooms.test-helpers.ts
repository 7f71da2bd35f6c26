/** Shared setup of the rooms tests: HTTP calls as a user, and socket subscriptions to a room. */
import { expect } from 'vitest';
import type { Room, RoomMessage, ServerFrame } from '@backchannel/protocol';
import { SpySocket, signupUser, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid, type Res } from '../requests/requests.test-helpers.js';

export { api, cmid };

export const roomFrames = (spy: SpySocket, roomId: string) =>
  spy.frames.filter((f): f is Extract<ServerFrame, { roomId: string; seq: number }> => 'roomId' in f && (f as { roomId: string }).roomId === roomId && 'seq' in f);

export async function createRoom(s: TestServer, host: TestUser, body: Record<string, unknown> = {}): Promise<Room> {
  const res = await api<{ room: Room }>(s, host, 'POST', '/v1/rooms', { title: 'Friday night talk', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.room;
}

export async function join(s: TestServer, u: TestUser, roomId: string): Promise<Room> {
  const res = await api<{ room: Room }>(s, u, 'POST', `/v1/rooms/${roomId}/join`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.room;
}

export async function say(s: TestServer, u: TestUser, roomId: string, text: string, clientMessageId = cmid()): Promise<Res<{ message: RoomMessage; code?: string; details?: Record<string, unknown> }>> {
  return api(s, u, 'POST', `/v1/rooms/${roomId}/messages`, { clientMessageId, text });
}

let reqs = 0;
/** Opens a socket and subscribes to the room (after `afterSeq`); resolves with the ack's room. */
export async function listen(s: TestServer, u: TestUser, roomId: string, afterSeq: number | null = null): Promise<{ spy: SpySocket; room: Room }> {
  const spy = await SpySocket.open(s, u.token, undefined);
  const room = await subscribe(spy, roomId, afterSeq);
  return { spy, room };
}

export async function subscribe(spy: SpySocket, roomId: string, afterSeq: number | null): Promise<Room> {
  const id = `sub${++reqs}`;
  spy.send({ op: 'room.subscribe', id, roomId, afterSeq });
  const f = await spy.waitFor((x) => (x.type === 'ack' || x.type === 'error') && 'id' in x && x.id === id);
  if (f.type !== 'ack') throw new Error(`subscribe refused: ${JSON.stringify(f)}`);
  return (f.data as { room: Room }).room;
}

export async function people(s: TestServer, n: number): Promise<TestUser[]> {
  const out: TestUser[] = [];
  for (let i = 0; i < n; i++) out.push(await signupUser(s));
  return out;
}
