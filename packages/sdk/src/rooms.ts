/**
 * Live rooms and room chat over HTTP: one method per route of `/v1/rooms` (docs/subsystems/rooms.md,
 * docs/sdk.md "Rooms"). Reached as `client.rooms`. Room events arrive on the socket after
 * `room.subscribe` (see roomFeed.ts); everything here is plain request/response.
 */
import type {
  RoomCardResponse,
  AnswerPrivatelyResponse,
  AskBody,
  QaSettings,
  Question,
  QuestionList,
  QuestionStateBody,
  VoteResponse,
  AudiencePage,
  BackstageResponse,
  CreateRoomBody, HallwayPage, Room, RoomChatSettings, RoomMessage, RoomMessagePage } from '@backchannel/protocol';
import { seg, type HttpRequest, type HttpTransport } from './http.js';

type RoomEnvelope = { room: Room };
type MessageEnvelope = { message: RoomMessage };

export class RoomsClient {
  constructor(private readonly http: HttpTransport) {}

  /** Starts a room; I am its host (and in it). */
  async create(body: CreateRoomBody): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'POST', path: '/v1/rooms', body })).room;
  }

  /** The hallway: live rooms I may see, people I follow on stage first, then by size. */
  hallway(query: { limit?: number; pageToken?: string } = {}): Promise<HallwayPage> {
    return this.call<HallwayPage>({ method: 'GET', path: '/v1/rooms', query: { ...query } });
  }

  async get(roomId: string): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'GET', path: this.path(roomId) })).room;
  }

  /** Joins (a no-op when already in); then subscribe on the socket from the answer's `seq`. */
  async join(roomId: string): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'POST', path: this.path(roomId, 'join') })).room;
  }

  /** The host is refused with `room_no_successor` while no moderator could take over. */
  async leave(roomId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.path(roomId, 'leave') });
  }

  async end(roomId: string): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'POST', path: this.path(roomId, 'end') })).room;
  }

  /** Everyone in the room, stage first, then listeners by arrival; `next` pages on. */
  people(roomId: string, query: { limit?: number; pageToken?: string } = {}): Promise<AudiencePage> {
    return this.call<AudiencePage>({ method: 'GET', path: this.path(roomId, 'people'), query: { ...query } });
  }

  /** The room's backstage channel: a conversation for the stage (`readOnly` once I left the stage); `not_found` for listeners. */
  backstage(roomId: string): Promise<BackstageResponse> {
    return this.call<BackstageResponse>({ method: 'GET', path: this.path(roomId, 'backstage') });
  }

  /** A room link's live card; `not_found` for a room I may not see (show the plain link). */
  async card(roomId: string): Promise<RoomCardResponse['card']> {
    return (await this.call<RoomCardResponse>({ method: 'GET', path: this.path(roomId, 'card') })).card;
  }

  async setHand(roomId: string, raised: boolean): Promise<void> {
    await this.call({ method: 'POST', path: this.path(roomId, 'hand'), body: { raised } });
  }

  /** Accepts an invitation to speak (`room_not_invited` when there is none). */
  async acceptSpeak(roomId: string): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'POST', path: this.path(roomId, 'speak') })).room;
  }

  /** Declines an invitation to speak: withdrawn, and the staff see it declined (`room_not_invited` when there is none). */
  async declineSpeak(roomId: string): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'DELETE', path: this.path(roomId, 'speak') })).room;
  }

  async inviteToSpeak(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.person(roomId, 'people', userId, 'invite') });
  }

  async moveToAudience(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.person(roomId, 'people', userId, 'audience') });
  }

  /** They cannot join this room again. */
  async remove(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.person(roomId, 'people', userId, 'remove') });
  }

  async setModerator(roomId: string, userId: string, moderator: boolean): Promise<void> {
    await (moderator ? this.addModerator(roomId, userId) : this.removeModerator(roomId, userId));
  }

  /** Host only. */
  async addModerator(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'PUT', path: this.person(roomId, 'moderators', userId) });
  }

  /** Host only; they stay on the stage as a speaker. */
  async removeModerator(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'DELETE', path: this.person(roomId, 'moderators', userId) });
  }

  /** `minutes: null` mutes for the rest of the room. */
  async mute(roomId: string, userId: string, minutes: number | null): Promise<void> {
    await this.call({ method: 'PUT', path: this.person(roomId, 'mutes', userId), body: { minutes } });
  }

  async unmute(roomId: string, userId: string): Promise<void> {
    await this.call({ method: 'DELETE', path: this.person(roomId, 'mutes', userId) });
  }

  async setChat(roomId: string, chat: Partial<RoomChatSettings>): Promise<Room> {
    return (await this.call<RoomEnvelope>({ method: 'PATCH', path: this.path(roomId, 'chat'), body: chat })).room;
  }

  /** The latest messages, or those before `before` (a message seq). */
  history(roomId: string, query: { before?: number; limit?: number } = {}): Promise<RoomMessagePage> {
    return this.call<RoomMessagePage>({ method: 'GET', path: this.path(roomId, 'messages'), query: { ...query } });
  }

  /** Idempotent on `clientMessageId`: a retry answers the stored message. */
  async send(roomId: string, body: { clientMessageId: string; text: string }): Promise<RoomMessage> {
    return (await this.call<MessageEnvelope>({ method: 'POST', path: this.path(roomId, 'messages'), body })).message;
  }

  /** Mine, or anyone's for a host or moderator: a tombstone for everyone. */
  async deleteMessage(roomId: string, messageId: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `${this.path(roomId, 'messages')}/${seg(messageId)}` });
  }

  // --- Q&A (docs/subsystems/rooms.md "Q&A"); question changes arrive as room events. ---

  /** Settings, questions by votes then age, and the ones I voted for. */
  questions(roomId: string): Promise<QuestionList> {
    return this.call<QuestionList>({ method: 'GET', path: this.path(roomId, 'questions') });
  }

  /** Host or moderator: Q&A on/off, approval before questions show. */
  async setQa(roomId: string, settings: Partial<QaSettings>): Promise<QaSettings> {
    return (await this.call<{ qa: QaSettings }>({ method: 'PATCH', path: this.path(roomId, 'qa'), body: settings })).qa;
  }

  async ask(roomId: string, body: AskBody): Promise<Question> {
    return (await this.call<{ question: Question }>({ method: 'POST', path: this.path(roomId, 'questions'), body })).question;
  }

  /** Setting what is already so changes nothing. */
  vote(roomId: string, questionId: string, voted: boolean): Promise<VoteResponse> {
    return this.call<VoteResponse>({ method: 'POST', path: this.question(roomId, questionId, 'vote'), body: { voted } });
  }

  /** Host or moderator: move, approve or hide a question. */
  async setQuestionState(roomId: string, questionId: string, body: QuestionStateBody): Promise<Question> {
    return (await this.call<{ question: Question }>({ method: 'PATCH', path: this.question(roomId, questionId), body })).question;
  }

  /** Anyone on the stage: put a pending question on stage. */
  async takeQuestion(roomId: string, questionId: string): Promise<Question> {
    return (await this.call<{ question: Question }>({ method: 'POST', path: this.question(roomId, questionId, 'take') })).question;
  }

  /** Host or moderator: merge a duplicate into `intoId`. */
  async mergeQuestion(roomId: string, questionId: string, intoId: string): Promise<Question> {
    return (await this.call<{ question: Question }>({ method: 'POST', path: this.question(roomId, questionId, 'merge'), body: { intoId } })).question;
  }

  /** Host or moderator: invite the asker up to speak. */
  async inviteAsker(roomId: string, questionId: string): Promise<void> {
    await this.call({ method: 'POST', path: this.question(roomId, questionId, 'invite') });
  }

  /** The host: the 1:1 with the asker, starting with the question quoted. */
  answerPrivately(roomId: string, questionId: string): Promise<AnswerPrivatelyResponse> {
    return this.call<AnswerPrivatelyResponse>({ method: 'POST', path: this.question(roomId, questionId, 'answer-privately') });
  }

  private question(roomId: string, questionId: string, action?: string): string {
    return this.path(roomId, 'questions', seg(questionId), ...(action ? [action] : []));
  }

  private path(roomId: string, ...rest: string[]): string {
    return ['/v1/rooms', seg(roomId), ...rest].join('/');
  }

  private person(roomId: string, area: string, userId: string, action?: string): string {
    return this.path(roomId, area, seg(userId), ...(action ? [action] : []));
  }

  private async call<T = unknown>(req: HttpRequest): Promise<T> {
    return (await this.http.request<T>(req)).body;
  }
}
