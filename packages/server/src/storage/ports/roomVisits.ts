/**
 * The room-visits storage area (`tx.roomVisits`): participation records — who was in which room,
 * from when to when, on the stage or not — kept for the met-in-room window and pruned by a job
 * (jobs/pruneRoomVisits.ts); and the room a request was sent from. One row per person per room:
 * coming back extends the visit. See docs/subsystems/message-requests.md, "Met in a room".
 */
import type { RequestRoomRow, RoomVisitRow, SharedRoomRow } from '../rows/backstage.js';

export type { RequestRoomRow, RoomVisitRow, SharedRoomRow } from '../rows/backstage.js';

export interface RoomVisitsRepo {
  /** The person is in the room now (the first time starts the visit); `onStage` sticks once true. */
  arrive(roomId: string, userId: string, at: number, onStage: boolean): Promise<void>;
  /** The person left the room at `at`. */
  depart(roomId: string, userId: string, at: number): Promise<void>;
  /** Everyone still in the room leaves at `at` (the room ended). */
  departAll(roomId: string, at: number): Promise<void>;
  get(roomId: string, userId: string): Promise<RoomVisitRow | null>;
  /**
   * Rooms `userA` and `userB` were in at overlapping times, the overlap ending at or after `since`
   * (a visit still going ends now); newest overlap first (ties by room id), at most `limit`.
   */
  shared(userA: string, userB: string, since: number, limit: number): Promise<SharedRoomRow[]>;
  /** Deletes up to `limit` finished visits that ended before `before`; returns how many. */
  prune(before: number, limit: number): Promise<number>;
  /** The rooms the person is in now (visits still going), newest arrival first, at most `limit`. */
  current(userId: string, limit: number): Promise<RoomVisitRow[]>;

  /** Whether the person turned off "show which room I'm in" (presence); default off = shown. */
  hidesPresence(userId: string): Promise<boolean>;
  setHidesPresence(userId: string, hidden: boolean): Promise<void>;

  /** Inserts or replaces the room of a request (per conversation and recipient). */
  putRequestRoom(row: RequestRoomRow): Promise<void>;
  requestRoom(conversationId: string, recipientId: string): Promise<RequestRoomRow | null>;
  /** Deletes up to `limit` request rooms made before `before`; returns how many. */
  pruneRequestRooms(before: number, limit: number): Promise<number>;
}
