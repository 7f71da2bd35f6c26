/** Question rows → wire shapes, and how a question change reaches the room (who may see it). */
import type { QaSettings, Question } from '@backchannel/protocol';
import type { QaSettingsRow, QuestionRow } from '../../storage/ports/questions.js';
import type { Tx } from '../../storage/store.js';
import { DomainError } from '../errors.js';
import { cleanMessageText } from '../text.js';
import { QUESTION_LIMITS } from '@backchannel/protocol';
import type { RoomWrite } from '../rooms/record.js';
import { summaries } from '../rooms/present.js';

const iso = (ms: number) => new Date(ms).toISOString();
const unknownUser = (id: string) => ({ id, username: 'unknown', displayName: 'Unknown' });

export const QA_OFF: QaSettings = { enabled: false, requireApproval: false };
export const presentQaSettings = (row: QaSettingsRow | null): QaSettings => (row ? { enabled: row.enabled, requireApproval: row.requireApproval } : QA_OFF);

export async function presentQuestions(repo: Tx, rows: readonly QuestionRow[]): Promise<Question[]> {
  const users = await summaries(repo, rows.flatMap((q) => [q.askerId, ...q.coAskerIds]));
  return rows.map((q) => ({
    id: q.id,
    roomId: q.roomId,
    asker: users.get(q.askerId) ?? unknownUser(q.askerId),
    coAskers: q.coAskerIds.map((id) => users.get(id) ?? unknownUser(id)),
    text: q.text,
    createdAt: iso(q.createdAt),
    status: q.status,
    visibility: q.visibility,
    mergedInto: q.mergedInto,
    votes: q.votes,
    votesVersion: q.votesVersion,
  }));
}

export async function presentQuestion(repo: Tx, row: QuestionRow): Promise<Question> {
  return (await presentQuestions(repo, [row]))[0]!;
}

/**
 * A question's change as a room event: a visible question to everyone; one awaiting approval or
 * hidden to its asker and the staff only. A question the staff just hid also tells everyone to
 * drop it (`room.question_hidden`), without its text.
 */
export async function announceQuestion(w: RoomWrite, row: QuestionRow, wasVisible: boolean): Promise<Question> {
  const question = await presentQuestion(w.tx, row);
  if (row.visibility === 'visible') {
    await w.emit('room.question', { question });
  } else {
    if (wasVisible) await w.emit('room.question_hidden', { questionId: row.id });
    await w.emit('room.question', { question }, row.askerId);
  }
  return question;
}

/**
 * The coalesced vote count of a question, to every node: an outbox row with no stored room event
 * and no seq (fanout/roomFanout.ts folds a room's counts into one `room.qa_votes` frame per tick).
 */
export async function announceVotes(tx: Tx, row: QuestionRow, now: number): Promise<void> {
  const payload: QaVotesOutbox = { roomId: row.roomId, questionId: row.id, votes: row.votes, votesVersion: row.votesVersion };
  await tx.events.append({ type: 'room.qa_votes', conversationId: null, userId: null, payload, createdAt: now });
}

export interface QaVotesOutbox {
  roomId: string;
  questionId: string;
  votes: number;
  votesVersion: number;
}

/** The `room.qa_votes` frame (protocol `RoomQaVotesEvent`): one string for every subscriber. */
export function qaVotesFrame(roomId: string, votes: Iterable<Omit<QaVotesOutbox, 'roomId'>>): string {
  return JSON.stringify({ type: 'room.qa_votes', roomId, data: { votes: [...votes].map((v) => ({ questionId: v.questionId, votes: v.votes, votesVersion: v.votesVersion })) } });
}

/** Question text: one line (whitespace runs become one space), 1–280 characters, the message text rules. */
export function cleanQuestionText(raw: string): string {
  const s = raw.normalize('NFC').replace(/[\t\n\r ]+/g, ' ').trim();
  if ([...s].length > QUESTION_LIMITS.textMax) {
    throw new DomainError('too_large', `A question is at most ${QUESTION_LIMITS.textMax} characters.`, { field: 'text', max: QUESTION_LIMITS.textMax });
  }
  return cleanMessageText(s);
}
