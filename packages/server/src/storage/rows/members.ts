/** Rows of the members area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Folder } from '@backchannel/protocol';
import type { Row } from './row.js';

export interface MemberRow {
  conversationId: string;
  userId: string;
  folder: Folder;
  readSeq: number;
  muted: boolean;
  pinned: boolean;
  archived: boolean;
  /** The user who added this member (null for the creator). */
  addedBy: string | null;
  joinedAt: number;
}

export type MemberPatch = Partial<Pick<MemberRow, 'folder' | 'readSeq' | 'muted' | 'pinned' | 'archived'>>;

/** SQLite stores booleans as 0/1, PostgreSQL as booleans (also inside `row_to_json`). */
export const toMember = (r: Row): MemberRow => ({
  conversationId: r.conversation_id as string,
  userId: r.user_id as string,
  folder: r.folder as Folder,
  readSeq: r.read_seq as number,
  muted: Boolean(r.muted),
  pinned: Boolean(r.pinned),
  archived: Boolean(r.archived),
  addedBy: (r.added_by as string | null) ?? null,
  joinedAt: r.joined_at as number,
});
