/**
 * The speakers' backchannel: every room has a private channel for its stage (host, moderators,
 * speakers), a group conversation created with the room and linked to it (`tx.backstage`). It is a
 * conversation like the others — sends, ids, seqs, resume and events are the delivery contract's —
 * but its membership is the stage's, kept by `RoomWrite.setParticipant` (record.ts) in the same
 * transaction as the stage change (docs/subsystems/rooms.md, "Backstage"):
 * - onto the stage → a member (folder inbox, read from seq 0: the whole history since the room began);
 * - off the stage (moved to the audience, left, dropped) → no longer a member, so no new message
 *   or event reaches them; they keep reading what they had seen, up to the seq of their leaving
 *   (`tx.backstage.putViewer`), unless they were removed from the room;
 * - a change of role on the stage (made moderator) changes nothing.
 * Listeners are never members, never viewers: to them it does not exist (`not_found`, no event).
 * When the room ends, a backstage nobody wrote in goes away for everyone; one with messages stays
 * a group any member can leave.
 *
 * For the Q&A queue: `postBackstageCard` puts a "next question" card into the channel inside the
 * caller's write (agreed export; the card's shape is `BackstageCard` in the protocol).
 */
import { LIMITS, type BackstageCard, type Message } from '@backchannel/protocol';
import type { ParticipantRow, RoomRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { presentMessage } from '../present.js';
import { recordJoined, recordLeft, recordSystemMessage, recordUpdated } from '../record.js';

type C = Pick<Deps, 'clock'>;

/** "Backstage · <room title>", cut to a conversation title's length. */
export function backstageTitle(roomTitle: string): string {
  const t = `Backstage · ${roomTitle}`;
  return t.length <= LIMITS.titleMax ? t : `${t.slice(0, LIMITS.titleMax - 1)}…`;
}

/** Creates the room's backstage (no members yet: the host joins it as they take the stage). */
export async function createBackstage(deps: Pick<Deps, 'ids'>, tx: Tx, room: RoomRow, now: number): Promise<string> {
  const id = deps.ids.id();
  await tx.conversations.insert({ id, kind: 'group', title: backstageTitle(room.title), moderatorId: null, lastSeq: 0, lastActivityAt: now, createdAt: now }, null);
  await tx.backstage.link(room.id, id);
  return id;
}

const onStage = (p: ParticipantRow | null): boolean => p !== null && p.present && p.role !== 'listener';

/**
 * Keeps the backstage's members equal to the stage: called for every participant change, in its
 * transaction (RoomWrite.setParticipant). A room from before backstages existed has none: nothing to do.
 */
export async function followStage(deps: C, tx: Tx, roomId: string, before: ParticipantRow | null, after: ParticipantRow): Promise<void> {
  const up = onStage(after);
  if (onStage(before) === up) return;
  const conversationId = await tx.backstage.conversationOf(roomId);
  if (conversationId === null) return;
  const member = await tx.members.get(conversationId, after.userId);
  if (up === (member !== null)) return;
  const conversation = (await tx.conversations.byId(conversationId))!;
  if (up) {
    await tx.backstage.removeViewer(conversationId, after.userId);
    await tx.members.add({ conversationId, userId: after.userId, folder: 'inbox', readSeq: 0, muted: false, pinned: false, archived: false, addedBy: null, joinedAt: deps.clock.now() });
    await recordJoined(deps, tx, conversationId, after.userId);
  } else {
    await tx.members.remove(conversationId, after.userId);
    // Someone removed from the room never sees it again, its backstage included.
    if (after.removed) {
      await recordLeft(deps, tx, conversationId, after.userId);
    } else {
      await tx.backstage.putViewer(conversationId, after.userId, conversation.lastSeq);
      await recordLeft(deps, tx, conversationId, after.userId, { readOnly: true });
    }
  }
  await recordUpdated(deps, tx, conversation);
}

/**
 * The room ended: a backstage without a single message leaves every member's inbox (they simply
 * lose it, `conversation.left`); one with messages stays, a group any member can leave.
 */
export async function endBackstage(deps: C, tx: Tx, roomId: string): Promise<void> {
  const conversationId = await tx.backstage.conversationOf(roomId);
  if (conversationId === null) return;
  const conversation = await tx.conversations.byId(conversationId);
  if (!conversation || conversation.lastSeq > 0) return;
  for (const m of await tx.members.list(conversationId)) {
    await tx.members.remove(conversationId, m.userId);
    await recordLeft(deps, tx, conversationId, m.userId);
  }
}

/** Whether the backstage conversation belongs to a room that is still live (members cannot leave it then: the stage decides). */
export async function liveBackstage(tx: Tx, conversationId: string): Promise<boolean> {
  const roomId = await tx.backstage.roomOf(conversationId);
  if (roomId === null) return false;
  return (await tx.rooms.roomById(roomId))?.status === 'live';
}

/** Whether `userId` is a member of the room's backstage now (on its stage). */
export async function isBackstageMember(tx: Tx, roomId: string, userId: string): Promise<boolean> {
  const conversationId = await tx.backstage.conversationOf(roomId);
  return conversationId !== null && (await tx.members.get(conversationId, userId)) !== null;
}

/**
 * For the Q&A queue: posts `card` into the room's backstage as a system message
 * (`system.action: 'backstage_card'`) inside the caller's write, delivered to the stage only.
 * `actorId` is who caused it (the moderator who moved the queue, or the asker). Returns the
 * message, or null when the room has no backstage (rooms from before backstages existed).
 */
export async function postBackstageCard(deps: Pick<Deps, 'clock' | 'ids'>, tx: Tx, roomId: string, actorId: string, card: BackstageCard): Promise<Message | null> {
  const conversationId = await tx.backstage.conversationOf(roomId);
  if (conversationId === null) return null;
  const row = await recordSystemMessage(deps, tx, conversationId, { action: 'backstage_card', actorId, card: { ...card, roomId } });
  return presentMessage(row);
}
