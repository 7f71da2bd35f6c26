/** Rows of the rooms area (storage/ports/rooms.ts) and their mappers, shared by the SQLite and PostgreSQL backends. */
import type { ChatMode, LinkEntity, MentionEntity, RoomEventType, RoomRole, RoomVisibility } from '@backchannel/protocol';
import type { Row } from './row.js';

export interface RoomRow {
  id: string;
  title: string;
  description: string;
  visibility: RoomVisibility;
  status: 'live' | 'ended';
  /** The creator: whose follows decide a social room, whose blocks keep people out. */
  ownerId: string;
  /** The current host (passes to a moderator when the host leaves); null once nobody holds it. */
  hostId: string | null;
  createdAt: number;
  endedAt: number | null;
  /** The last room event's seq (0 before the first). */
  lastSeq: number;
  chatEnabled: boolean;
  chatMode: ChatMode;
  slowSeconds: number;
  /** Present people on the stage (host, moderators, speakers) and in the audience. */
  speakerCount: number;
  listenerCount: number;
  /** Since when no host or moderator is present (the room ends after the grace period); null while one is. */
  staffAbsentSince: number | null;
}

export type RoomPatch = Partial<Omit<RoomRow, 'id' | 'ownerId' | 'createdAt' | 'lastSeq' | 'visibility'>>;

export interface ParticipantRow {
  roomId: string;
  userId: string;
  role: RoomRole;
  /** In the room now (joined and not yet left or timed out). */
  present: boolean;
  handRaised: boolean;
  invitedToSpeak: boolean;
  /** Who sent the pending speak invitation (meaningful while `invitedToSpeak`). */
  invitedBy: string | null;
  /** Chat mute end (ms); null: not muted. */
  mutedUntil: number | null;
  /** Removed by a host or moderator: may not join again. */
  removed: boolean;
  joinedAt: number;
  /** Last time a node reported a live subscription (presence sweep). */
  lastSeenAt: number;
  /** Last chat message (slow mode). */
  lastChatAt: number | null;
}

export type ParticipantPatch = Partial<Omit<ParticipantRow, 'roomId' | 'userId'>>;

/** One stored room event. `to`: null for everyone in the room, else that person plus the hosts and moderators. */
export interface RoomEventRow {
  roomId: string;
  seq: number;
  type: RoomEventType;
  data: unknown;
  to: string | null;
  createdAt: number;
}

export interface RoomMessageRow {
  id: string;
  roomId: string;
  /** The seq of the room event that created it. */
  seq: number;
  senderId: string;
  clientMessageId: string;
  text: string;
  entities: Array<LinkEntity | MentionEntity>;
  createdAt: number;
  deleted: 'author' | 'moderator' | null;
}

/** A live room as one viewer's hallway lists it. */
export interface HallwayRow {
  room: RoomRow;
  /** People the viewer follows who are present (any role). */
  followedCount: number;
  /** …of whom on the stage. */
  followedOnStage: number;
}


/** Patch fields to column names, the same on both backends. */
export const ROOM_COLUMNS: Record<keyof RoomPatch, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  hostId: 'host_id',
  endedAt: 'ended_at',
  chatEnabled: 'chat_enabled',
  chatMode: 'chat_mode',
  slowSeconds: 'slow_seconds',
  speakerCount: 'speaker_count',
  listenerCount: 'listener_count',
  staffAbsentSince: 'staff_absent_since',
};
export const PARTICIPANT_COLUMNS: Record<keyof ParticipantPatch, string> = {
  role: 'role',
  present: 'present',
  handRaised: 'hand_raised',
  invitedToSpeak: 'invited_to_speak',
  invitedBy: 'invited_by',
  mutedUntil: 'muted_until',
  removed: 'removed',
  joinedAt: 'joined_at',
  lastSeenAt: 'last_seen_at',
  lastChatAt: 'last_chat_at',
};

export const toRoom = (r: Row): RoomRow => ({
  id: r.id as string,
  title: r.title as string,
  description: r.description as string,
  visibility: r.visibility as RoomRow['visibility'],
  status: r.status as RoomRow['status'],
  ownerId: r.owner_id as string,
  hostId: (r.host_id as string | null) ?? null,
  createdAt: Number(r.created_at),
  endedAt: r.ended_at === null ? null : Number(r.ended_at),
  lastSeq: Number(r.last_seq),
  chatEnabled: Boolean(r.chat_enabled),
  chatMode: r.chat_mode as RoomRow['chatMode'],
  slowSeconds: Number(r.slow_seconds),
  speakerCount: Number(r.speaker_count),
  listenerCount: Number(r.listener_count),
  staffAbsentSince: r.staff_absent_since === null ? null : Number(r.staff_absent_since),
});

export const toParticipant = (r: Row): ParticipantRow => ({
  roomId: r.room_id as string,
  userId: r.user_id as string,
  role: r.role as ParticipantRow['role'],
  present: Boolean(r.present),
  handRaised: Boolean(r.hand_raised),
  invitedToSpeak: Boolean(r.invited_to_speak),
  invitedBy: (r.invited_by as string | null) ?? null,
  mutedUntil: r.muted_until === null ? null : Number(r.muted_until),
  removed: Boolean(r.removed),
  joinedAt: Number(r.joined_at),
  lastSeenAt: Number(r.last_seen_at),
  lastChatAt: r.last_chat_at === null ? null : Number(r.last_chat_at),
});

export const toRoomEvent = (r: Row): RoomEventRow => ({
  roomId: r.room_id as string,
  seq: Number(r.seq),
  type: r.type as RoomEventRow['type'],
  data: JSON.parse(r.data as string) as unknown,
  to: (r.to_user as string | null) ?? null,
  createdAt: Number(r.created_at),
});

export const toRoomMessage = (r: Row): RoomMessageRow => ({
  id: r.id as string,
  roomId: r.room_id as string,
  seq: Number(r.seq),
  senderId: r.sender_id as string,
  clientMessageId: r.client_message_id as string,
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as RoomMessageRow['entities'],
  createdAt: Number(r.created_at),
  deleted: (r.deleted as RoomMessageRow['deleted']) ?? null,
});
