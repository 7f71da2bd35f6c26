/** Rows of the Q&A storage area (storage/ports/questions.ts) and their mappers, once for both backends. */
import type { QuestionStatus, QuestionVisibility } from '@backchannel/protocol';
import type { Row } from './row.js';

/** A room's Q&A settings; a room without a row has Q&A off. */
export interface QaSettingsRow {
  roomId: string;
  enabled: boolean;
  requireApproval: boolean;
  updatedAt: number;
}

export interface QuestionRow {
  id: string;
  roomId: string;
  askerId: string;
  /** Askers of the questions merged into this one, in merge order. */
  coAskerIds: string[];
  text: string;
  createdAt: number;
  status: QuestionStatus;
  visibility: QuestionVisibility;
  mergedInto: string | null;
  /** Distinct voters, kept by the same transaction that adds or removes a vote. */
  votes: number;
  /** +1 on every change of `votes`. */
  votesVersion: number;
  updatedAt: number;
}

export type QuestionPatch = Partial<Pick<QuestionRow, 'coAskerIds' | 'status' | 'visibility' | 'mergedInto' | 'votes' | 'votesVersion' | 'updatedAt'>>;

/** Column of each patchable field, for both backends' UPDATE. */
export const QUESTION_PATCH_COLUMNS: Record<keyof QuestionPatch, string> = {
  coAskerIds: 'co_askers',
  status: 'status',
  visibility: 'visibility',
  mergedInto: 'merged_into',
  votes: 'votes',
  votesVersion: 'votes_version',
  updatedAt: 'updated_at',
};

/** A patch value as both drivers store it (the co-askers as JSON text). */
export const questionPatchValue = (key: keyof QuestionPatch, v: unknown): unknown => (key === 'coAskerIds' ? JSON.stringify(v) : v);

export function toQaSettings(r: Row): QaSettingsRow {
  return { roomId: r.room_id as string, enabled: r.enabled === true || r.enabled === 1, requireApproval: r.require_approval === true || r.require_approval === 1, updatedAt: Number(r.updated_at) };
}

export function toQuestion(r: Row): QuestionRow {
  return {
    id: r.id as string,
    roomId: r.room_id as string,
    askerId: r.asker_id as string,
    coAskerIds: JSON.parse(r.co_askers as string) as string[],
    text: r.text as string,
    createdAt: Number(r.created_at),
    status: r.status as QuestionStatus,
    visibility: r.visibility as QuestionVisibility,
    mergedInto: (r.merged_into as string | null) ?? null,
    votes: Number(r.votes),
    votesVersion: Number(r.votes_version),
    updatedAt: Number(r.updated_at),
  };
}
