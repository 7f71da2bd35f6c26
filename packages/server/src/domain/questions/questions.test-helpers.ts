/** Shared setup of the Q&A tests: a live room with Q&A on, and the Q&A calls as one person. */
import { expect } from 'vitest';
import type { Question, QuestionList, VoteResponse } from '@backchannel/protocol';
import type { TestServer, TestUser } from '../../testing/harness.js';
import type { Res } from '../requests/requests.test-helpers.js';
import { api, createRoom, join } from '../rooms/rooms.test-helpers.js';

export { api };

type Err = { code?: string; details?: Record<string, unknown> };

export async function qaRoom(s: TestServer, host: TestUser, guests: TestUser[], qa: { requireApproval?: boolean } = {}): Promise<string> {
  const room = await createRoom(s, host);
  for (const g of guests) await join(s, g, room.id);
  const on = await api(s, host, 'PATCH', `/v1/rooms/${room.id}/qa`, { enabled: true, ...qa });
  expect(on.status, JSON.stringify(on.body)).toBe(200);
  return room.id;
}

export const ask = (s: TestServer, u: TestUser, roomId: string, text: string): Promise<Res<{ question: Question } & Err>> => api(s, u, 'POST', `/v1/rooms/${roomId}/questions`, { text });

export async function asked(s: TestServer, u: TestUser, roomId: string, text: string): Promise<Question> {
  const res = await ask(s, u, roomId, text);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.question;
}

export const vote = (s: TestServer, u: TestUser, roomId: string, questionId: string, voted = true): Promise<Res<VoteResponse & Err>> =>
  api(s, u, 'POST', `/v1/rooms/${roomId}/questions/${questionId}/vote`, { voted });

export const setState = (s: TestServer, u: TestUser, roomId: string, questionId: string, body: Record<string, unknown>): Promise<Res<{ question: Question } & Err>> =>
  api(s, u, 'PATCH', `/v1/rooms/${roomId}/questions/${questionId}`, body);

export async function list(s: TestServer, u: TestUser, roomId: string): Promise<QuestionList> {
  const res = await api<QuestionList>(s, u, 'GET', `/v1/rooms/${roomId}/questions`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
