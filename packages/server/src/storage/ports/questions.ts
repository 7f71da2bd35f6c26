/**
 * The Q&A storage area (`tx.questions`): per room its Q&A settings, its questions and their votes
 * (docs/subsystems/rooms.md, "Q&A"). A vote is one row per (question, voter), so a voter counts
 * once however often a vote is retried; a question's `votes` is kept beside it by the transaction
 * that adds or removes a vote, so reading the queue never counts rows.
 */
import type { QaSettingsRow, QuestionPatch, QuestionRow } from '../rows/questions.js';

export type { QaSettingsRow, QuestionPatch, QuestionRow } from '../rows/questions.js';

export interface QuestionsRepo {
  settings(roomId: string): Promise<QaSettingsRow | null>;
  /** Inserts or replaces the room's settings. */
  putSettings(row: QaSettingsRow): Promise<void>;

  insert(row: QuestionRow): Promise<void>;
  byId(id: string): Promise<QuestionRow | null>;
  /** `byId` inside a write, holding the question's row lock until COMMIT (PostgreSQL `FOR UPDATE`). */
  lock(id: string): Promise<QuestionRow | null>;
  update(id: string, patch: QuestionPatch): Promise<void>;
  /** The room's questions except merged ones: most votes first, then oldest; at most `limit`. */
  list(roomId: string, limit: number): Promise<QuestionRow[]>;
  /** Whether a question of the room is on stage, and the visible pending question with the most votes (then the oldest). */
  nextUp(roomId: string): Promise<{ onStage: boolean; next: QuestionRow | null }>;
  /** The asker's open questions in the room (pending or on stage, any visibility) and the time of their newest question. */
  askerStats(roomId: string, askerId: string): Promise<{ open: number; lastAt: number | null }>;

  /** Adds the vote; false (nothing written) when it was there. */
  addVote(questionId: string, userId: string, at: number): Promise<boolean>;
  /** Removes the vote; false when there was none. */
  removeVote(questionId: string, userId: string): Promise<boolean>;
  /** Among `questionIds`, those `userId` voted for. */
  votedAmong(userId: string, questionIds: readonly string[]): Promise<string[]>;
  /** Gives `intoId` every voter of `fromId` it lacks (a voter of both stays one vote); returns the distinct voters of `intoId` after. */
  mergeVotes(fromId: string, intoId: string, at: number): Promise<number>;
}
