/**
 * The Q&A panel's state for one room (pure): the list read over HTTP, then the room's question
 * events in seq order (one older than the list is already in it) and the coalesced vote counts
 * (a count with a lower `votesVersion` than the one shown is stale).
 */
import type { QaSettings, Question, QuestionList, RoomEvent, RoomQaVotesEvent } from '@backchannel/protocol';

export interface QaView {
  qa: QaSettings;
  byId: Readonly<Record<string, Question>>;
  voted: ReadonlySet<string>;
  /** The list's seq, then the last event applied. */
  seq: number;
}

export const emptyQa: QaView = { qa: { enabled: false, requireApproval: false }, byId: {}, voted: new Set(), seq: -1 };

export function fromList(list: QuestionList): QaView {
  return { qa: list.qa, byId: Object.fromEntries(list.questions.map((q) => [q.id, q])), voted: new Set(list.votedIds), seq: list.seq };
}

const newerVotes = (old: Question | undefined, q: Question): Question => (old && old.votesVersion > q.votesVersion ? { ...q, votes: old.votes, votesVersion: old.votesVersion } : q);

export function applyQaEvent(view: QaView, event: RoomEvent): QaView {
  if (event.seq <= view.seq) return view;
  switch (event.type) {
    case 'room.qa_updated':
      return { ...view, qa: event.data.qa, seq: event.seq };
    case 'room.question': {
      const q = event.data.question;
      return { ...view, byId: { ...view.byId, [q.id]: newerVotes(view.byId[q.id], q) }, seq: event.seq };
    }
    case 'room.question_hidden': {
      const { [event.data.questionId]: _gone, ...rest } = view.byId;
      return { ...view, byId: rest, seq: event.seq };
    }
    default:
      return { ...view, seq: event.seq };
  }
}

export function applyQaVotes(view: QaView, event: RoomQaVotesEvent): QaView {
  let byId = view.byId;
  for (const v of event.data.votes) {
    const q = byId[v.questionId];
    if (!q || q.votesVersion >= v.votesVersion) continue;
    byId = { ...byId, [q.id]: { ...q, votes: v.votes, votesVersion: v.votesVersion } };
  }
  return byId === view.byId ? view : { ...view, byId };
}

/** My own vote's answer: its count is as fresh as any frame. */
export function applyMyVote(view: QaView, r: { questionId: string; voted: boolean; votes: number; votesVersion: number }): QaView {
  const voted = new Set(view.voted);
  if (r.voted) voted.add(r.questionId);
  else voted.delete(r.questionId);
  const q = view.byId[r.questionId];
  const byId = q && q.votesVersion <= r.votesVersion ? { ...view.byId, [q.id]: { ...q, votes: r.votes, votesVersion: r.votesVersion } } : view.byId;
  return { ...view, voted, byId };
}

const ORDER = { on_stage: 0, pending: 1, answered: 2, dismissed: 3, merged: 4 } as const;

/** On stage first, then the queue by votes and age, then the answered and dismissed; merged ones are not shown. */
export function ordered(view: QaView): Question[] {
  return Object.values(view.byId)
    .filter((q) => q.status !== 'merged')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export const STATUS_LABEL: Record<Question['status'], string> = { pending: 'Waiting', on_stage: 'On stage', answered: 'Answered', dismissed: 'Dismissed', merged: 'Merged' };
