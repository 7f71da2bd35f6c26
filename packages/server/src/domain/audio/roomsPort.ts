/**
 * The rooms port: who drives the room model (docs/subsystems/rooms.md, "Two modes").
 *
 * - `builtinRooms`: a standalone install. People start, join, leave and end rooms and change roles
 *   themselves (domain/rooms); presence follows their sockets; the sweep ends rooms left without
 *   a host or moderator.
 * - `externalRooms`: the platform's audio service is the source of truth. It reports room
 *   lifecycle, participants and roles through signed webhooks (applyAudioEvent.ts); the same
 *   rooms, participants and room events follow it. People's own lifecycle and role actions answer
 *   `room_managed_externally`; chat, hands, mutes and removal stay ours. Sockets closing and the
 *   staff sweep change nobody's place (the audio service says who is in the room).
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { leaveRoom } from '../rooms/leaveRoom.js';
import { roomLimits } from '../rooms/limits.js';
import { sweepRooms } from '../rooms/sweepRooms.js';

export type RoomsMode = 'builtin' | 'external';

/** People's own room actions that the audio service owns in external mode. */
export type PeopleRoomAction = 'create' | 'join' | 'leave' | 'end' | 'inviteToSpeak' | 'acceptSpeak' | 'declineSpeak' | 'moveToAudience' | 'setModerator';

export interface RoomsPort {
  readonly mode: RoomsMode;
  /**
   * Lets one of people's own room actions through, or refuses it with `room_managed_externally`.
   * External mode lets `join` through for someone the audio service reported in the room (the
   * web app joins before it subscribes; it changes nothing then).
   */
  guard(action: PeopleRoomAction, me: UserRow, roomId: string | null): Promise<void>;
  /** The person's last socket on the room went away and did not come back within the grace period. */
  presenceLapsed(user: UserRow, roomId: string): Promise<void>;
  /** The periodic rooms sweep of every node. */
  sweep(): Promise<void>;
}

type D = Pick<Deps, 'store' | 'clock' | 'limits'>;

export function builtinRooms(deps: D): RoomsPort {
  return {
    mode: 'builtin',
    guard: async () => undefined,
    presenceLapsed: (user, roomId) => leaveRoom(deps, user, roomId, 'presence'),
    sweep: async () => {
      await sweepRooms(deps);
    },
  };
}

/** Processed webhook ids are remembered this long: the audio service must not retry an event later than that. */
export const AUDIO_DEDUPE_WINDOW_MS = 7 * 86_400_000;

export function externalRooms(deps: D): RoomsPort {
  return {
    mode: 'external',
    async guard(action, me, roomId) {
      if (action === 'join' && roomId !== null) {
        const p = await deps.store.read.rooms.participant(roomId, me.id);
        if (p?.present) return;
      }
      throw new DomainError('room_managed_externally', 'Rooms follow the audio service here: start, join, leave and end rooms and change roles in the audio app.', { action });
    },
    presenceLapsed: async () => undefined,
    async sweep() {
      const now = deps.clock.now();
      const retention = roomLimits(deps.limits).chatRetentionMs;
      if (retention > 0) await deps.store.write((tx) => tx.rooms.purgeEndedChats(now - retention, 5000));
      await deps.store.write((tx) => tx.audio.purgeEvents(now - AUDIO_DEDUPE_WINDOW_MS, 5000));
    },
  };
}
