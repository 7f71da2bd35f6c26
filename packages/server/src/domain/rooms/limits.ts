/** The operator's room settings (config → Limits.rooms), with the defaults used when absent. */
import type { Limits } from '../deps.js';

export interface RoomLimits {
  /** A room whose hosts and moderators have all been gone this long ends. */
  endGraceMs: number;
  /** A person whose last socket subscribed to the room closed this long ago leaves it. */
  presenceGraceMs: number;
  /** Chat of a new room starts on. */
  chatDefaultOn: boolean;
  /** At most one `room.counts` frame per room per this interval. */
  countsIntervalMs: number;
  /** Hand raises/lowers per person per minute. */
  handsPerMinute: number;
  /** Chat of an ended room is kept this long (0: forever). */
  chatRetentionMs: number;
  /** Rooms mode `external`: the audio service starts and ends rooms and sets roles (clients hide those controls). */
  managedExternally?: boolean;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  endGraceMs: 120_000,
  presenceGraceMs: 30_000,
  chatDefaultOn: true,
  countsIntervalMs: 1000,
  handsPerMinute: 30,
  chatRetentionMs: 0,
};

export const roomLimits = (limits: Pick<Limits, 'rooms'>): RoomLimits => limits.rooms ?? DEFAULT_ROOM_LIMITS;
