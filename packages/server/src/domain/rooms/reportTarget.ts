/**
 * What a report of a room chat message freezes (domain/reports/buildReport.ts): the room, the
 * message as the reporter saw it and up to four messages either side. The reporter must be able to
 * see the message: in a live room they must be in it (`not_in_room`), an ended room's replay is for
 * whoever may see the room; a room they may not see is `not_found`, as is a message that is not in
 * that room, or one already deleted (there is nothing left to show the moderators).
 */
import type { ReportRoomContext } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import { DomainError } from '../errors.js';
import { accessRoom, requirePresent } from './access.js';
import { presentRoomMessages } from './present.js';

const AROUND = 4;

export interface ReportedRoomMessage {
  senderId: string;
  room: ReportRoomContext;
}

export async function reportedRoomMessage(tx: Tx, me: UserRow, roomId: string, messageId: string): Promise<ReportedRoomMessage> {
  const a = await accessRoom(tx, me, roomId);
  if (a.room.status === 'live') requirePresent(a);
  const msg = await tx.rooms.roomMessageById(roomId, messageId);
  if (!msg) throw new DomainError('not_found', 'No such message in this room.', { field: 'messageId' });
  if (msg.deleted) throw new DomainError('not_found', 'That message was deleted.', { field: 'messageId' });
  if (msg.senderId === me.id) throw new DomainError('self_action', 'You cannot report your own message.');
  const [before, after] = await Promise.all([tx.rooms.roomMessages(roomId, { before: msg.seq, limit: AROUND }), tx.rooms.roomMessagesAfter(roomId, msg.seq, AROUND)]);
  const messages = await presentRoomMessages(tx, [...before, msg, ...after]);
  return { senderId: msg.senderId, room: { id: a.room.id, title: a.room.title, messageId: msg.id, messages } };
}
