/**
 * The Q&A part of the controller (docs/web.md "Rooms"): the list over HTTP and the room's question
 * frames from the socket, folded by qaState.ts. The rooms controller's feed subscribes to the room;
 * here we only listen to its frames (a repeat or an older seq is dropped by the state).
 */
import type { QaSettings, QuestionList, QuestionStateBody, RoomEvent, RoomQaVotesEvent, VoteResponse } from '@backchannel/protocol';
import type { ControllerDeps } from '../../core/client.js';

export interface QaListener {
  event: (event: RoomEvent) => void;
  votes: (event: RoomQaVotesEvent) => void;
  /** The socket is back: reload (vote counts are not replayed). */
  ready: () => void;
}

export class QuestionsController {
  constructor(private readonly deps: ControllerDeps) {}

  private get api() {
    return this.deps.client.questions;
  }

  list(roomId: string): Promise<QuestionList> {
    return this.api.list(roomId);
  }

  /** Listens to one room's question frames on the current socket; returns the way to stop. */
  watch(roomId: string, l: QaListener): () => void {
    const socket = this.deps.socket();
    if (!socket) return () => undefined;
    const offRoom = socket.on('room', (frame) => {
      if (frame.roomId !== roomId) return;
      if (frame.type === 'room.qa_votes') l.votes(frame);
      else if (frame.type !== 'room.counts') l.event(frame);
    });
    const offReady = socket.on('ready', () => l.ready());
    return () => {
      offRoom();
      offReady();
    };
  }

  setSettings(roomId: string, qa: Partial<QaSettings>): Promise<QaSettings> {
    return this.api.setSettings(roomId, qa);
  }
  async ask(roomId: string, text: string): Promise<void> {
    await this.api.ask(roomId, text);
  }
  vote(roomId: string, questionId: string, voted: boolean): Promise<VoteResponse> {
    return this.api.vote(roomId, questionId, voted);
  }
  async setState(roomId: string, questionId: string, body: QuestionStateBody): Promise<void> {
    await this.api.setState(roomId, questionId, body);
  }
  /** Anyone on the stage: puts a waiting question on stage. */
  async take(roomId: string, questionId: string): Promise<void> {
    await this.api.take(roomId, questionId);
  }
  async merge(roomId: string, questionId: string, intoId: string): Promise<void> {
    await this.api.merge(roomId, questionId, intoId);
  }
  async bringUp(roomId: string, questionId: string): Promise<void> {
    await this.api.bringUp(roomId, questionId);
  }
  /** Opens (or reuses) the 1:1 with the asker; returns its id to open it. */
  async answerPrivately(roomId: string, questionId: string): Promise<string> {
    return (await this.api.answerPrivately(roomId, questionId)).conversationId;
  }
}
