/**
 * The Q&A part of the controller (docs/web.md "Rooms"): the list over HTTP and the room's question
 * frames from the socket, folded by qaState.ts. The rooms controller's feed subscribes to the room;
 * here we only listen to its frames (a repeat or an older seq is dropped by the state).
 */
import type { QaSettings, QuestionList, QuestionStateBody, RoomEvent, RoomQaVotesEvent, VoteResponse } from '@backchannel/protocol';
import type { BackchannelSocket } from '@backchannel/sdk';
import type { ControllerDeps } from '../../core/client.js';

export interface QaListener {
  event: (event: RoomEvent) => void;
  votes: (event: RoomQaVotesEvent) => void;
  /** The socket is back: reload (vote counts are not replayed). */
  ready: () => void;
}

export class QuestionsController {
  private readonly watchers = new Map<string, Set<QaListener>>();

  constructor(private readonly deps: ControllerDeps) {}

  private get api() {
    return this.deps.client.questions;
  }

  list(roomId: string): Promise<QuestionList> {
    return this.api.list(roomId);
  }

  /** A new session's socket: its room frames go to the panels watching their room. */
  attach(socket: BackchannelSocket, live: () => boolean): void {
    socket.on('room', (frame) => {
      if (!live()) return;
      for (const l of this.watchers.get(frame.roomId) ?? []) {
        if (frame.type === 'room.qa_votes') l.votes(frame);
        else if (frame.type !== 'room.counts') l.event(frame);
      }
    });
    socket.on('ready', () => {
      if (!live()) return;
      for (const set of this.watchers.values()) for (const l of set) l.ready();
    });
  }

  /** Listens to one room's question frames (whatever socket the session has now or later); returns the way to stop. */
  watch(roomId: string, l: QaListener): () => void {
    let set = this.watchers.get(roomId);
    if (!set) this.watchers.set(roomId, (set = new Set()));
    set.add(l);
    return () => {
      set.delete(l);
      if (set.size === 0) this.watchers.delete(roomId);
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
