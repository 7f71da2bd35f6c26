/** The operator's Q&A settings (config → Limits.questions), with the defaults used when absent. */
import type { Limits } from '../deps.js';

export interface QuestionLimits {
  /** Open questions (pending or on stage) one person may have in a room. */
  openPerPerson: number;
  /** At least this long between one person's questions in a room. */
  intervalMs: number;
}

export const DEFAULT_QUESTION_LIMITS: QuestionLimits = { openPerPerson: 3, intervalMs: 30_000 };

export const questionLimits = (limits: Pick<Limits, 'questions'>): QuestionLimits => limits.questions ?? DEFAULT_QUESTION_LIMITS;
