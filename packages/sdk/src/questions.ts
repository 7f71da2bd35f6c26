/**
 * A room's Q&A over HTTP: one method per route of `/v1/rooms/{id}/questions` and `/qa`
 * (docs/subsystems/rooms.md "Q&A"). Reached as `client.questions`. Question changes arrive as room
 * events (`room.question`, `room.question_hidden`, `room.qa_updated`) and vote counts as coalesced
 * `room.qa_votes` frames on the socket after `room.subscribe`.
 */
import type { AnswerPrivatelyResponse, QaSettings, Question, QuestionList, QuestionStateBody, VoteResponse } from '@backchannel/protocol';
import { seg, type HttpRequest, type HttpTransport } from './http.js';

type QuestionEnvelope = { question: Question };

export class QuestionsClient {
  constructor(private readonly http: HttpTransport) {}

  /** The settings, the questions I may see (most votes first), the ones I voted for, and the room's seq when read. */
  list(roomId: string): Promise<QuestionList> {
    return this.call<QuestionList>({ method: 'GET', path: this.path(roomId, 'questions') });
  }

  /** Host or moderator: Q&A on/off, approval before questions show. */
  async setSettings(roomId: string, qa: Partial<QaSettings>): Promise<QaSettings> {
    return (await this.call<{ qa: QaSettings }>({ method: 'PATCH', path: this.path(roomId, 'qa'), body: qa })).qa;
  }

  async ask(roomId: string, text: string): Promise<Question> {
    return (await this.call<QuestionEnvelope>({ method: 'POST', path: this.path(roomId, 'questions'), body: { text } })).question;
  }

  /** Sets my vote (true: on, false: off); setting what is already so changes nothing (`changed: false`). */
  vote(roomId: string, questionId: string, voted: boolean): Promise<VoteResponse> {
    return this.call<VoteResponse>({ method: 'POST', path: this.question(roomId, questionId, 'vote'), body: { voted } });
  }

  /** Host or moderator: the state (pending, on_stage, answered, dismissed) or visibility (visible approves). */
  async setState(roomId: string, questionId: string, body: QuestionStateBody): Promise<Question> {
    return (await this.call<QuestionEnvelope>({ method: 'PATCH', path: this.question(roomId, questionId), body })).question;
  }

  /** Anyone on the stage: puts a pending question on stage (the backstage card's Take). */
  async take(roomId: string, questionId: string): Promise<Question> {
    return (await this.call<QuestionEnvelope>({ method: 'POST', path: this.question(roomId, questionId, 'take') })).question;
  }

  async merge(roomId: string, questionId: string, intoId: string): Promise<Question> {
    return (await this.call<QuestionEnvelope>({ method: 'POST', path: this.question(roomId, questionId, 'merge'), body: { intoId } })).question;
  }

  /** Invites the asker up to speak. */
  async bringUp(roomId: string, questionId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.question(roomId, questionId, 'invite') });
  }

  /** The host: the 1:1 with the asker, starting with the question quoted (opened or reused). */
  answerPrivately(roomId: string, questionId: string): Promise<AnswerPrivatelyResponse> {
    return this.call<AnswerPrivatelyResponse>({ method: 'POST', path: this.question(roomId, questionId, 'answer-privately') });
  }

  private path(roomId: string, ...rest: string[]): string {
    return ['/v1/rooms', seg(roomId), ...rest].join('/');
  }

  private question(roomId: string, questionId: string, action?: string): string {
    return this.path(roomId, 'questions', seg(questionId), ...(action ? [action] : []));
  }

  private async call<T = unknown>(req: HttpRequest): Promise<T> {
    return (await this.http.request<T>(req)).body;
  }
}
