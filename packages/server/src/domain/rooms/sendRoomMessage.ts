/**
 * Sends a room chat message: stored once, one room event, whatever the number of listeners
 * (docs/subsystems/rooms.md, "Fan-out"). Idempotent on (room, sender, clientMessageId): a retry
 * returns the original message, even after the room ended or the sender left.
 *
 * Refusals, in order: room gone or hidden (`not_found`), ended (`room_ended`), not in the room
 * (`not_in_room`), chat off, muted, text rules, then the mode (followers only, emoji only, slow
 * mode with the seconds left). Hosts and moderators are exempt from the mode, not from "off".
 */
import type { RoomMessage } from '@backchannel/protocol';
import type { RoomMessageRow } from '../../storage/ports/rooms.js';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, accessRoom, requirePresent, type RoomAccess } from './access.js';
import { cleanRoomText, isEmojiOnly, roomEntities } from './chatText.js';
import { isStaffRole } from './outbox.js';
import { follows, userById } from './people.js';
import { MUTED_FOR_ROOM, presentRoomMessage } from './present.js';
import { RoomWrite } from './record.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids'>;

export interface SendRoomMessageInput {
  clientMessageId: string;
  text: string;
}

async function original(repo: Tx, me: UserRow, roomId: string, clientMessageId: string): Promise<RoomMessage | null> {
  const row = await repo.rooms.roomMessageByClientId(roomId, me.id, clientMessageId);
  return row ? presentRoomMessage(row, presentUserSummary(me)) : null;
}

async function checkMode(tx: Tx, a: RoomAccess, me: UserRow, text: string, now: number): Promise<void> {
  const p = requirePresent(a);
  const room = a.room;
  if (!room.chatEnabled) throw new DomainError('room_chat_off', 'Chat is off in this room.');
  if (p.mutedUntil !== null && p.mutedUntil > now) {
    throw new DomainError('room_chat_muted', 'You are muted in this room\'s chat.', p.mutedUntil >= MUTED_FOR_ROOM ? undefined : { retryAfterMs: p.mutedUntil - now });
  }
  if (isStaffRole(p.role)) return;
  if (room.chatMode === 'followers' && !(room.hostId !== null && (room.hostId === me.id || (await follows(tx, me.id, room.hostId))))) {
    throw new DomainError('room_followers_only', 'Only people who follow the host can chat in this room.');
  }
  if (room.chatMode === 'emoji' && !isEmojiOnly(text)) throw new DomainError('room_emoji_only', 'This room\'s chat is emoji-only right now.');
  if (room.chatMode === 'slow' && p.lastChatAt !== null && now - p.lastChatAt < room.slowSeconds * 1000) {
    throw new DomainError('room_slow_mode', `Slow mode: one message every ${room.slowSeconds} s.`, { slowSeconds: room.slowSeconds, retryAfterMs: room.slowSeconds * 1000 - (now - p.lastChatAt) });
  }
}

export async function sendRoomMessage(deps: D, me: UserRow, roomId: string, input: SendRoomMessageInput): Promise<RoomMessage> {
  // A retry is answered from what was stored, before any rule that may have changed since.
  const before = await original(deps.store.read, me, roomId, input.clientMessageId);
  if (before) {
    await accessRoom(deps.store.read, me, roomId);
    return before;
  }
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const again = await original(tx, me, roomId, input.clientMessageId);
      if (again) return again;
      const now = deps.clock.now();
      requirePresent(a);
      const text = cleanRoomText(input.text);
      await checkMode(tx, a, me, text, now);
      const sender = (await userById(tx, me.id)) ?? me;
      const row: Omit<RoomMessageRow, 'seq'> = { id: deps.ids.id(), roomId, senderId: me.id, clientMessageId: input.clientMessageId, text, entities: await roomEntities(tx, roomId, text), createdAt: now, deleted: null };
      const w = new RoomWrite(tx, a.room, now);
      // The event carries the message; its seq is the message's seq.
      const seq = a.room.lastSeq + 1;
      const message = presentRoomMessage({ ...row, seq }, presentUserSummary(sender));
      const got = await w.emit('room.message_created', { message });
      if (got !== seq) throw new Error(`room seq moved under a locked room: ${got} ≠ ${seq}`);
      await tx.rooms.insertRoomMessage({ ...row, seq });
      await tx.rooms.updateParticipant(roomId, me.id, { lastChatAt: now });
      await w.done();
      return message;
    },
    { key: roomId },
  );
}
