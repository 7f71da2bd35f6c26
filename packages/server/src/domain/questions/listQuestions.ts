/**
 * A room's Q&A list: the settings, the questions the viewer may see (most votes first, then
 * oldest), which of them they voted for, and the room's seq (events after it are newer). In a live
 * room for the people in it; after the end it stays with the replay, read-only, for whoever may
 * see the room, with its states and vote counts.
 */
import { QUESTION_LIMITS, type QuestionList } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom, requirePresent } from '../rooms/access.js';
import { maySeeQuestion } from './access.js';
import { presentQaSettings, presentQuestions } from './present.js';

export async function listQuestions(deps: Pick<Deps, 'store'>, me: UserRow, roomId: string): Promise<QuestionList> {
  const repo = deps.store.read;
  const a = await accessRoom(repo, me, roomId);
  if (a.room.status === 'live') requirePresent(a);
  const settings = await repo.questions.settings(roomId);
  const rows = await repo.questions.list(roomId, QUESTION_LIMITS.listMax + 1);
  const page = rows.slice(0, QUESTION_LIMITS.listMax).filter((q) => maySeeQuestion(a, me.id, q));
  const voted = await repo.questions.votedAmong(me.id, page.map((q) => q.id));
  return { qa: presentQaSettings(settings), questions: await presentQuestions(repo, page), votedIds: voted, hasMore: rows.length > QUESTION_LIMITS.listMax, seq: a.room.lastSeq };
}
