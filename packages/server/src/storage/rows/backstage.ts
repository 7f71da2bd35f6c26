/** Rows of the backstage and room-visits areas and their mappers, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

/** One person's time in one room (a participation record, for "met in a room"). */
export interface RoomVisitRow {
  roomId: string;
  userId: string;
  /** First arrival. */
  firstAt: number;
  /** The latest arrival or departure. */
  lastAt: number;
  /** In the room now (then the visit lasts until now). */
  here: boolean;
  /** Was on the stage at some point of the visit. */
  onStage: boolean;
}

/** A room two people were in at overlapping times. */
export interface SharedRoomRow {
  roomId: string;
  /** When both were first there together. */
  at: number;
  /** Whether each of the two (in the order asked) was on the stage. */
  onStage: [boolean, boolean];
}

/** The room a request was sent from (its attendee list), for the request made at `createdAt`. */
export interface RequestRoomRow {
  conversationId: string;
  recipientId: string;
  roomId: string;
  createdAt: number;
}

export const toRoomVisit = (r: Row): RoomVisitRow => ({
  roomId: r.room_id as string,
  userId: r.user_id as string,
  firstAt: Number(r.first_at),
  lastAt: Number(r.last_at),
  here: Boolean(r.here),
  onStage: Boolean(r.on_stage),
});

export const toSharedRoom = (r: Row): SharedRoomRow => ({ roomId: r.room_id as string, at: Number(r.at), onStage: [Boolean(r.a_stage), Boolean(r.b_stage)] });

export const toRequestRoom = (r: Row): RequestRoomRow => ({
  conversationId: r.conversation_id as string,
  recipientId: r.recipient_id as string,
  roomId: r.room_id as string,
  createdAt: Number(r.created_at),
});

/** A visit that is still going lasts until this instant (both backends compare with it). */
export const OPEN_END = 8_000_000_000_000_000;
