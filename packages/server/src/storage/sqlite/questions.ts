/** The Q&A storage area on SQLite (storage/ports/questions.ts). One writer: a lock is a plain read. */
import type Database from 'better-sqlite3';
import type { QaSettingsRow, QuestionPatch, QuestionRow, QuestionsRepo } from '../ports/questions.js';
import { QUESTION_PATCH_COLUMNS, questionPatchValue, toQaSettings, toQuestion } from '../rows/questions.js';
import type { Row } from '../rows/row.js';

const bit = (b: boolean): number => (b ? 1 : 0);

export class SqliteQuestions implements QuestionsRepo {
  private readonly s;
  private readonly byText = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      settings: p('SELECT * FROM room_qa WHERE room_id = ?'),
      putSettings: p(
        `INSERT INTO room_qa (room_id, enabled, require_approval, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (room_id) DO UPDATE SET enabled = excluded.enabled, require_approval = excluded.require_approval, updated_at = excluded.updated_at`,
      ),
      insert: p(
        `INSERT INTO questions (id, room_id, asker_id, co_askers, text, created_at, status, visibility, merged_into, votes, votes_version, updated_at)
         VALUES (@id, @roomId, @askerId, @coAskers, @text, @createdAt, @status, @visibility, @mergedInto, @votes, @votesVersion, @updatedAt)`,
      ),
      byId: p('SELECT * FROM questions WHERE id = ?'),
      list: p(`SELECT * FROM questions WHERE room_id = ? AND status <> 'merged' ORDER BY votes DESC, created_at, id LIMIT ?`),
      onStage: p(`SELECT 1 FROM questions WHERE room_id = ? AND status = 'on_stage' LIMIT 1`),
      next: p(`SELECT * FROM questions WHERE room_id = ? AND status = 'pending' AND visibility = 'visible' ORDER BY votes DESC, created_at, id LIMIT 1`),
      open: p(`SELECT COUNT(*) AS n FROM questions WHERE room_id = ? AND asker_id = ? AND status IN ('pending', 'on_stage')`),
      lastAt: p('SELECT MAX(created_at) AS at FROM questions WHERE room_id = ? AND asker_id = ?'),
      addVote: p('INSERT INTO question_votes (question_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT (question_id, user_id) DO NOTHING'),
      removeVote: p('DELETE FROM question_votes WHERE question_id = ? AND user_id = ?'),
      copyVotes: p('INSERT INTO question_votes (question_id, user_id, created_at) SELECT ?, user_id, ? FROM question_votes WHERE question_id = ? ON CONFLICT (question_id, user_id) DO NOTHING'),
      countVotes: p('SELECT COUNT(*) AS n FROM question_votes WHERE question_id = ?'),
    };
  }

  private cached(sql: string): Database.Statement {
    let st = this.byText.get(sql);
    if (!st) this.byText.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  async settings(roomId: string): Promise<QaSettingsRow | null> {
    const r = this.s.settings.get(roomId) as Row | undefined;
    return r ? toQaSettings(r) : null;
  }
  async putSettings(row: QaSettingsRow): Promise<void> {
    this.s.putSettings.run(row.roomId, bit(row.enabled), bit(row.requireApproval), row.updatedAt);
  }
  async insert(row: QuestionRow): Promise<void> {
    this.s.insert.run({ ...row, coAskers: JSON.stringify(row.coAskerIds) });
  }
  async byId(id: string): Promise<QuestionRow | null> {
    const r = this.s.byId.get(id) as Row | undefined;
    return r ? toQuestion(r) : null;
  }
  lock(id: string): Promise<QuestionRow | null> {
    return this.byId(id);
  }
  async update(id: string, patch: QuestionPatch): Promise<void> {
    const entries = (Object.entries(patch) as Array<[keyof QuestionPatch, unknown]>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const set = entries.map(([k]) => `${QUESTION_PATCH_COLUMNS[k]} = ?`).join(', ');
    this.cached(`UPDATE questions SET ${set} WHERE id = ?`).run(...entries.map(([k, v]) => questionPatchValue(k, v)), id);
  }
  async list(roomId: string, limit: number): Promise<QuestionRow[]> {
    return (this.s.list.all(roomId, limit) as Row[]).map(toQuestion);
  }
  async nextUp(roomId: string): Promise<{ onStage: boolean; next: QuestionRow | null }> {
    const next = this.s.next.get(roomId) as Row | undefined;
    return { onStage: this.s.onStage.get(roomId) !== undefined, next: next ? toQuestion(next) : null };
  }
  async askerStats(roomId: string, askerId: string): Promise<{ open: number; lastAt: number | null }> {
    const open = (this.s.open.get(roomId, askerId) as Row).n as number;
    const at = (this.s.lastAt.get(roomId, askerId) as Row).at as number | null;
    return { open, lastAt: at ?? null };
  }
  async addVote(questionId: string, userId: string, at: number): Promise<boolean> {
    return this.s.addVote.run(questionId, userId, at).changes === 1;
  }
  async removeVote(questionId: string, userId: string): Promise<boolean> {
    return this.s.removeVote.run(questionId, userId).changes === 1;
  }
  async votedAmong(userId: string, questionIds: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    // Chunks stay under SQLite's bound-parameter limit.
    for (let i = 0; i < questionIds.length; i += 500) {
      const ids = questionIds.slice(i, i + 500);
      const rows = this.cached(`SELECT question_id FROM question_votes WHERE user_id = ? AND question_id IN (${ids.map(() => '?').join(',')})`).all(userId, ...ids) as Row[];
      out.push(...rows.map((r) => r.question_id as string));
    }
    return out;
  }
  async mergeVotes(fromId: string, intoId: string, at: number): Promise<number> {
    this.s.copyVotes.run(intoId, at, fromId);
    return (this.s.countVotes.get(intoId) as Row).n as number;
  }
}
