/**
 * Applies one verified event from the audio service (docs/api/audio-webhooks.md), in one
 * transaction: the event id is claimed (tx.audio) together with its effect, so a retry of an
 * applied event is a no-op (`duplicate`) and an event whose effect failed leaves no trace and
 * applies on retry. Every effect is written with the rooms domain's `RoomWrite`, so room events,
 * seqs, counts and frames are exactly those of built-in mode.
 *
 * Order: events about a room the audio service has not started with us yet answer `not_found`
 * (its retries deliver them after `room.started`); once a room has ended every later event about
 * it is `stale`; a person's events apply in `occurredAt` order (an older one than the newest
 * applied about that person in that room is `stale`).
 */
import type { AudioEvent, AudioEventResult } from '@backchannel/protocol';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { recordEnd } from '../rooms/endRoom.js';
import { userById } from '../rooms/people.js';
import { RoomWrite } from '../rooms/record.js';
import { announceSpeaking, leaveByAudio, placeByAudio, speakingByAudio, type PersonChange } from './participants.js';
import { startRoomByAudio } from './startRoom.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

export async function applyAudioEvent(deps: D, event: AudioEvent): Promise<AudioEventResult> {
  return deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      if (!(await tx.audio.claimEvent(event.id, event.type, now))) return { eventId: event.id, outcome: 'duplicate', roomId: null };
      if (event.type === 'room.started') {
        return { eventId: event.id, outcome: 'applied', roomId: await startRoomByAudio(tx, deps, event, now) };
      }
      const roomId = await tx.audio.roomFor(event.data.roomId);
      // Not started with us (yet): refused, so nothing is recorded and the sender's retry applies it later.
      if (roomId === null) throw new DomainError('not_found', 'No room with this roomId has started.', { field: 'data.roomId' });
      const room = await tx.rooms.lockRoom(roomId);
      if (!room) throw notFound('room');
      if (room.status !== 'live') return { eventId: event.id, outcome: 'stale', roomId };
      if (event.type === 'room.ended') {
        await tx.audio.clearSpeaking(roomId);
        await recordEnd(tx, room, now);
        return { eventId: event.id, outcome: 'applied', roomId };
      }
      const outcome = await applyToPerson(tx, room, now, event);
      return { eventId: event.id, outcome, roomId };
    },
    { key: `audio:${event.data.roomId}` },
  );
}

type PersonEvent = Exclude<AudioEvent, { type: 'room.started' | 'room.ended' }>;

async function applyToPerson(tx: Tx, room: RoomRow, now: number, event: PersonEvent): Promise<AudioEventResult['outcome']> {
  const { userId } = event.data;
  const user = await userById(tx, userId);
  if (!user) throw new DomainError('not_found', 'No such user.', { field: 'data.userId' });
  const order = await tx.audio.participant(room.id, userId);
  if (order && event.occurredAt < order.lastAt) return 'stale';
  const change: PersonChange = { w: new RoomWrite(tx, room, now), user, before: await tx.rooms.participant(room.id, userId), speaking: order?.speaking ?? false };
  let outcome: 'applied' | 'ignored';
  if (event.type === 'participant.left') outcome = await leaveByAudio(change);
  else if (event.type === 'speaking.changed') outcome = speakingByAudio(change, event.data.speaking);
  else outcome = await placeByAudio(change, event.data.role);
  const speakingBefore = order?.speaking ?? false;
  await tx.audio.putParticipant({ roomId: room.id, userId, lastAt: event.occurredAt, speaking: change.speaking });
  await change.w.done();
  // Who is speaking rides the coalesced counts frame (`room.counts.speakingIds`), never a seq'd event.
  if (change.speaking !== speakingBefore) await announceSpeaking(tx, room, now, await tx.audio.speakingIn(room.id));
  return outcome;
}
