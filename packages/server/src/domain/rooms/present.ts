/** Room rows → wire shapes, as one viewer sees them. */
import type { HallwayRoom, Room, RoomAudienceMember, RoomMessage, StageMember, UserSummary } from '@backchannel/protocol';
import type { ParticipantRow, RoomMessageRow, RoomRow } from '../../storage/ports/rooms.js';
import type { Tx, UserRow } from '../../storage/store.js';
import { presentUserSummary } from '../present.js';
import { blockedAmong, usersByIds } from './people.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** "Muted for the rest of the room" is stored as this instant. */
export const MUTED_FOR_ROOM = Date.UTC(9999, 11, 31);

const ROLE_ORDER = { host: 0, moderator: 1, speaker: 2, listener: 3 } as const;

export const chatSettings = (r: RoomRow) => ({ enabled: r.chatEnabled, mode: r.chatMode, slowSeconds: r.slowSeconds });

export async function summaries(repo: Tx, ids: readonly string[]): Promise<Map<string, UserSummary>> {
  const users = await usersByIds(repo, [...new Set(ids)]);
  return new Map(users.map((u: UserRow) => [u.id, presentUserSummary(u)]));
}

const unknownUser = (id: string): UserSummary => ({ id, username: 'unknown', displayName: 'Unknown' });

export async function presentStage(repo: Tx, viewerId: string, stage: readonly ParticipantRow[], speaking: ReadonlySet<string> = new Set()): Promise<StageMember[]> {
  const users = await summaries(repo, stage.map((p) => p.userId));
  const blocked = await blockedAmong(repo, viewerId, stage.map((p) => p.userId));
  return [...stage]
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.joinedAt - b.joinedAt)
    .map((p) => ({ user: users.get(p.userId) ?? unknownUser(p.userId), role: p.role, speaking: speaking.has(p.userId), blockedByMe: blocked.has(p.userId) }));
}

export async function presentRoom(repo: Tx, room: RoomRow, viewerId: string, me: ParticipantRow | null, now: number, managedExternally?: boolean): Promise<Room> {
  const stage = room.status === 'live' ? await repo.rooms.stage([room.id]) : [];
  const here = me?.present && room.status === 'live' ? me : null;
  const inviter = here?.invitedToSpeak && here.invitedBy !== null ? await repo.users.byId(here.invitedBy) : null;
  return {
    id: room.id,
    title: room.title,
    description: room.description,
    visibility: room.visibility,
    status: room.status,
    hostId: room.hostId,
    createdAt: iso(room.createdAt),
    endedAt: room.endedAt === null ? null : iso(room.endedAt),
    seq: room.lastSeq,
    // Who is speaking comes from the audio integration (tx.audio); nobody in a standalone install.
    stage: await presentStage(repo, viewerId, stage, new Set(room.status === 'live' ? await repo.audio.speakingIn(room.id) : [])),
    speakerCount: room.status === 'live' ? room.speakerCount : 0,
    listenerCount: room.status === 'live' ? room.listenerCount : 0,
    chat: chatSettings(room),
    me: {
      role: here ? here.role : null,
      handRaised: here?.handRaised ?? false,
      invitedToSpeak: here?.invitedToSpeak ?? false,
      invitedBy: inviter ? presentUserSummary(inviter) : null,
      chatMutedUntil: here?.mutedUntil != null && here.mutedUntil > now ? iso(here.mutedUntil) : null,
    },
    managedExternally: managedExternally ?? false,
  };
}

export function presentRoomMessage(m: RoomMessageRow, sender: UserSummary): RoomMessage {
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    sender,
    clientMessageId: m.clientMessageId,
    text: m.deleted ? '' : m.text,
    entities: m.deleted ? [] : m.entities,
    createdAt: iso(m.createdAt),
    deleted: m.deleted,
  };
}

export async function presentRoomMessages(repo: Tx, rows: readonly RoomMessageRow[]): Promise<RoomMessage[]> {
  const users = await summaries(repo, rows.map((m) => m.senderId));
  return rows.map((m) => presentRoomMessage(m, users.get(m.senderId) ?? unknownUser(m.senderId)));
}

export async function presentAudience(repo: Tx, rows: readonly ParticipantRow[]): Promise<RoomAudienceMember[]> {
  const users = await summaries(repo, rows.map((p) => p.userId));
  return rows.map((p) => ({ user: users.get(p.userId) ?? unknownUser(p.userId), role: p.role, handRaised: p.handRaised }));
}

export function presentHallwayRoom(room: RoomRow, speakers: UserSummary[], followedCount: number): HallwayRoom {
  return {
    id: room.id,
    title: room.title,
    visibility: room.visibility,
    createdAt: iso(room.createdAt),
    speakerCount: room.speakerCount,
    listenerCount: room.listenerCount,
    speakers,
    followedCount,
  };
}

/** The data of `room.updated`. */
export const roomUpdatedData = (r: RoomRow) => ({
  title: r.title,
  description: r.description,
  hostId: r.hostId,
  chat: chatSettings(r),
});
