/**
 * Someone in the room asks a question. Refusals, in order: the room (`not_found` — also for
 * someone removed from it —, `room_ended`, `not_in_room`), `qa_off`, the text (`empty_message`,
 * `too_large`, `invalid_text`), then the per-person limits: `qa_open_limit` (open questions) and
 * `rate_limited` (one question per interval, with the time left). With approval on, a question
 * from anyone but the staff waits, seen by its asker and the staff only. The first question waiting
 * on a free stage is offered to the speakers in the backstage (nextCard.ts).
 */
import type { Question } from '@backchannel/protocol';
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessLiveRoom, requirePresent } from '../rooms/access.js';
import { isStaffRole } from '../rooms/outbox.js';
import { RoomWrite } from '../rooms/record.js';
import { requireQaOn } from './access.js';
import { questionLimits } from './limits.js';
import { offerNextQuestion } from './nextCard.js';
import { announceQuestion, cleanQuestionText } from './present.js';

export async function askQuestion(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>, me: UserRow, roomId: string, input: { text: string }): Promise<Question> {
  const limits = questionLimits(deps.limits);
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const p = requirePresent(a);
      const qa = await requireQaOn(tx, roomId);
      const text = cleanQuestionText(input.text);
      const now = deps.clock.now();
      const mine = await tx.questions.askerStats(roomId, me.id);
      if (mine.open >= limits.openPerPerson) {
        throw new DomainError('qa_open_limit', `You have ${limits.openPerPerson} open questions in this room; ask again when one is answered.`, { max: limits.openPerPerson });
      }
      if (mine.lastAt !== null && now - mine.lastAt < limits.intervalMs) {
        const retryAfterMs = limits.intervalMs - (now - mine.lastAt);
        const seconds = Math.ceil(retryAfterMs / 1000);
        throw new DomainError('rate_limited', `One question every ${Math.round(limits.intervalMs / 1000)} s: ask again in ${seconds} s.`, { retryAfterMs, retryAfterSeconds: seconds });
      }
      const row: QuestionRow = {
        id: deps.ids.id(),
        roomId,
        askerId: me.id,
        coAskerIds: [],
        text,
        createdAt: now,
        status: 'pending',
        visibility: qa.requireApproval && !isStaffRole(p.role) ? 'awaiting_approval' : 'visible',
        mergedInto: null,
        votes: 0,
        votesVersion: 0,
        updatedAt: now,
      };
      await tx.questions.insert(row);
      const w = new RoomWrite(tx, a.room, now);
      const question = await announceQuestion(w, row, false);
      await w.done();
      if (row.visibility === 'visible') await offerNextQuestion(deps, tx, roomId, me.id, row);
      return question;
    },
    { key: roomId },
  );
}
