/**
 * The host answers a question privately: the 1:1 with the asker is opened (or reused) and starts
 * with the question quoted and labelled with the room. It follows the 1:1 and requests rules
 * (conversations/openDirect.ts): an asker who does not follow the host gets it as a request
 * (`cannot_message` if they accept no messages from the host). Only the room's host, in the live
 * room, for a question of that room (`forbidden` for anyone else who may see the room). A retry
 * (or a second answer to the same question) reuses the quote: it is sent once per question.
 *
 * Two writes, not one: the 1:1 (openDirect) and the quote (sendMessage, idempotent on
 * `qa.<question id>`). A retry after a failure in between completes it.
 */
import type { AnswerPrivatelyResponse } from '@backchannel/protocol';
import type { QuestionRow } from '../../storage/ports/questions.js';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { UserRow } from '../../storage/store.js';
import { openDirect } from '../conversations/openDirect.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { sendMessage } from '../messages/sendMessage.js';
import { accessRoom, requireHost } from '../rooms/access.js';
import { accessQuestion } from './access.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

/** The first message of the private answer: the room's label, then the question quoted. */
export const quoteOf = (room: Pick<RoomRow, 'title'>, q: Pick<QuestionRow, 'text'>): string => `Your question in “${room.title}”:\n> ${q.text}`;

export async function answerPrivately(deps: D, me: UserRow, roomId: string, questionId: string): Promise<AnswerPrivatelyResponse> {
  const repo = deps.store.read;
  const a = await accessRoom(repo, me, roomId);
  if (a.room.status !== 'live') throw new DomainError('room_ended', 'This room has ended.');
  requireHost(a);
  const q = await accessQuestion(repo, a, me.id, questionId);
  if (q.askerId === me.id) throw new DomainError('self_action', 'This is your own question.');
  // From the room: a request carries it ("from <room title>"), as a DM from the attendee list does.
  const { conversation } = await openDirect(deps, me, q.askerId, { roomId });
  const sent = await sendMessage(deps, me, conversation.id, { clientMessageId: `qa.${q.id}`, text: quoteOf(a.room, q) });
  return { conversationId: conversation.id, created: sent.created };
}
