/**
 * `room.subscribe`: start receiving a room's events on this socket, after `afterSeq` (null: from
 * now). The subscription is registered before the room is read, so no event falls between the
 * snapshot and the live feed; the stored events up to the snapshot are replayed, then the ack
 * (with the snapshot), then live events. Too far behind, or a seq from the future, answers
 * `resume_failed` with the reason: fetch the room over HTTP and subscribe from its `seq`.
 */
import type { ClientFrame } from '@backchannel/protocol';
import { DomainError } from '../../domain/errors.js';
import { accessRoom, requirePresent } from '../../domain/rooms/access.js';
import { roomLimits } from '../../domain/rooms/limits.js';
import { presentRoom } from '../../domain/rooms/present.js';
import { replyError } from '../errors.js';
import type { OpInput } from './types.js';

/** Room events a subscription replays at most; beyond, the client reloads the room. */
export const ROOM_REPLAY_MAX = 5000;
const PAGE = 500;

export async function handleRoomSubscribe({ ctx, conn, me, frame }: OpInput<Extract<ClientFrame, { op: 'room.subscribe' }>>): Promise<void> {
  const repo = ctx.deps.store.read;
  try {
    const first = await accessRoom(repo, me, frame.roomId);
    if (first.room.status !== 'live') throw new DomainError('room_ended', 'This room has ended.');
    requirePresent(first);
    const sub = conn.rooms.open(frame.roomId, first.me!.role);
    ctx.roomPresence.add(frame.roomId, me);
    // Read after registering: every event past this snapshot reaches the subscription live.
    const a = await accessRoom(repo, me, frame.roomId);
    const snapshot = a.room.lastSeq;
    ctx.router.rooms.knowCounts(frame.roomId, { speakerCount: a.room.speakerCount, listenerCount: a.room.listenerCount });
    if (frame.afterSeq !== null) {
      const reason = frame.afterSeq > snapshot ? 'cursor_from_future' : snapshot - frame.afterSeq > ROOM_REPLAY_MAX ? 'too_far_behind' : null;
      if (reason) {
        conn.rooms.close(frame.roomId);
        throw new DomainError('resume_failed', 'Reload the room and subscribe from its seq.', { reason, seq: snapshot });
      }
      for (let after = frame.afterSeq; after < snapshot; ) {
        const page = await repo.rooms.roomEventsAfter(frame.roomId, after, snapshot, PAGE);
        if (page.length === 0) break;
        for (const e of page) sub.replay({ seq: e.seq, type: e.type, data: e.data, to: e.to });
        after = page.at(-1)!.seq;
      }
    }
    conn.send({ type: 'ack', id: frame.id, data: { room: await presentRoom(repo, a.room, me.id, a.me, ctx.deps.clock.now(), roomLimits(ctx.deps.limits).managedExternally) } });
    sub.goLive(snapshot, a.me?.present ? a.me.role : null);
  } catch (err) {
    replyError(ctx, conn, frame.id, err);
  }
}
