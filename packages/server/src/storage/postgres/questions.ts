/**
 * The Q&A storage area on PostgreSQL (storage/ports/questions.ts). A vote's count moves under the
 * question's row lock (`lock`), so concurrent votes on one question serialise there and nowhere
 * else: a vote storm on one question does not hold the room row.
 */
import type { QaSettingsRow, QuestionPatch, QuestionRow, QuestionsRepo } from '../ports/questions.js';
import { QUESTION_PATCH_COLUMNS, questionPatchValue, toQaSettings, toQuestion } from '../rows/questions.js';
import type { PgHandle } from './handle.js';

export class PgQuestions implements QuestionsRepo {
  constructor(private readonly h: PgHandle) {}

  async settings(roomId: string): Promise<QaSettingsRow | null> {
    const r = await this.h.one('SELECT * FROM room_qa WHERE room_id = $1', [roomId]);
    return r ? toQaSettings(r) : null;
  }
  async putSettings(row: QaSettingsRow): Promise<void> {
    await this.h.q(
      `INSERT INTO room_qa (room_id, enabled, require_approval, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id) DO UPDATE SET enabled = EXCLUDED.enabled, require_approval = EXCLUDED.require_approval, updated_at = EXCLUDED.updated_at`,
      [row.roomId, row.enabled, row.requireApproval, row.updatedAt],
    );
  }
  async insert(row: QuestionRow): Promise<void> {
    await this.h.q(
      `INSERT INTO questions (id, room_id, asker_id, co_askers, text, created_at, status, visibility, merged_into, votes, votes_version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [row.id, row.roomId, row.askerId, JSON.stringify(row.coAskerIds), row.text, row.createdAt, row.status, row.visibility, row.mergedInto, row.votes, row.votesVersion, row.updatedAt],
    );
  }
  async byId(id: string): Promise<QuestionRow | null> {
    const r = await this.h.one('SELECT * FROM questions WHERE id = $1', [id]);
    return r ? toQuestion(r) : null;
  }
  async lock(id: string): Promise<QuestionRow | null> {
    const r = await this.h.one('SELECT * FROM questions WHERE id = $1 FOR UPDATE', [id]);
    return r ? toQuestion(r) : null;
  }
  async update(id: string, patch: QuestionPatch): Promise<void> {
    const entries = (Object.entries(patch) as Array<[keyof QuestionPatch, unknown]>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const set = entries.map(([k], i) => `${QUESTION_PATCH_COLUMNS[k]} = $${i + 1}`).join(', ');
    await this.h.q(`UPDATE questions SET ${set} WHERE id = $${entries.length + 1}`, [...entries.map(([k, v]) => questionPatchValue(k, v)), id]);
  }
  async list(roomId: string, limit: number): Promise<QuestionRow[]> {
    const rows = await this.h.q(`SELECT * FROM questions WHERE room_id = $1 AND status <> 'merged' ORDER BY votes DESC, created_at, id LIMIT $2`, [roomId, limit]);
    return rows.map(toQuestion);
  }
  async nextUp(roomId: string): Promise<{ onStage: boolean; next: QuestionRow | null }> {
    const onStage = await this.h.one(`SELECT 1 FROM questions WHERE room_id = $1 AND status = 'on_stage' LIMIT 1`, [roomId]);
    const next = await this.h.one(`SELECT * FROM questions WHERE room_id = $1 AND status = 'pending' AND visibility = 'visible' ORDER BY votes DESC, created_at, id LIMIT 1`, [roomId]);
    return { onStage: onStage !== null, next: next ? toQuestion(next) : null };
  }
  async askerStats(roomId: string, askerId: string): Promise<{ open: number; lastAt: number | null }> {
    const r = (await this.h.one(
      `SELECT COUNT(*) FILTER (WHERE status IN ('pending', 'on_stage')) AS open, MAX(created_at) AS at FROM questions WHERE room_id = $1 AND asker_id = $2`,
      [roomId, askerId],
    ))!;
    return { open: Number(r.open), lastAt: r.at === null ? null : Number(r.at) };
  }
  async addVote(questionId: string, userId: string, at: number): Promise<boolean> {
    const r = await this.h.q('INSERT INTO question_votes (question_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (question_id, user_id) DO NOTHING RETURNING 1', [questionId, userId, at]);
    return r.length === 1;
  }
  async removeVote(questionId: string, userId: string): Promise<boolean> {
    const r = await this.h.q('DELETE FROM question_votes WHERE question_id = $1 AND user_id = $2 RETURNING 1', [questionId, userId]);
    return r.length === 1;
  }
  async votedAmong(userId: string, questionIds: readonly string[]): Promise<string[]> {
    if (questionIds.length === 0) return [];
    const rows = await this.h.q('SELECT question_id FROM question_votes WHERE user_id = $1 AND question_id = ANY($2::text[])', [userId, questionIds]);
    return rows.map((r) => r.question_id as string);
  }
  async mergeVotes(fromId: string, intoId: string, at: number): Promise<number> {
    await this.h.q('INSERT INTO question_votes (question_id, user_id, created_at) SELECT $1, user_id, $2 FROM question_votes WHERE question_id = $3 ON CONFLICT (question_id, user_id) DO NOTHING', [intoId, at, fromId]);
    const r = (await this.h.one('SELECT COUNT(*) AS n FROM question_votes WHERE question_id = $1', [intoId]))!;
    return Number(r.n);
  }
}
