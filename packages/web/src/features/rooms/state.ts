/**
 * The rooms slice: the hallway's cards and every room this session opened (docs/web.md "Rooms").
 * A room's view is the server's `Room` kept current by its events (RoomFeed in the SDK delivers
 * each seq once), the chat (messages by seq, deduped by id), the audience pages, and, for the host
 * and moderators, the raised hands and invitations (`room.hand_changed` goes to them only).
 * Listeners never appear in events, so the audience is a paged snapshot (controller.ts refreshes it).
 */
import type {
  HallwayRoom,
  HallwayRoomLive,
  Room,
  RoomAudienceMember,
  RoomCountsEvent,
  RoomEvent,
  RoomMessage,
  RoomRole,
  StageMember,
  UserSummary,
} from '@backchannel/protocol';
import type { SliceReducer } from '../../core/store.js';
import type { Action, State } from '../../app/state.js';

export interface Hand {
  user: UserSummary;
  handRaised: boolean;
  invitedToSpeak: boolean;
  /** They said no to the last invitation (shown to the staff until their hand moves again). */
  declined?: boolean;
}

/** A send on its way (shown as "Sending…" until the server's message lands). */
export interface PendingRoomMessage {
  clientMessageId: string;
  text: string;
}

export interface RoomView {
  room: Room;
  /** Who the audio integration says is speaking (from `room.counts`). */
  speaking: readonly string[];
  /** Oldest first, at most one per id. */
  messages: readonly RoomMessage[];
  historyLoaded: boolean;
  hasMore: boolean;
  pending: readonly PendingRoomMessage[];
  /** Staff only: listeners with a raised hand or an invitation, by user id. */
  hands: Readonly<Record<string, Hand>>;
  /** Staff only: chat mutes this session saw set (user id → until). */
  mutes: Readonly<Record<string, string>>;
  audience: { people: readonly RoomAudienceMember[]; next: string | null; loaded: boolean };
  /** I was removed from the room (I cannot join it again). */
  removed: boolean;
}

export interface RoomsState {
  /** `managedExternally`: rooms start in the platform's audio app (no "Start a room"). */
  hallway: { rooms: readonly HallwayRoom[]; next: string | null; loaded: boolean; managedExternally?: boolean };
  byId: Readonly<Record<string, RoomView>>;
}

export const initialRooms: RoomsState = { hallway: { rooms: [], next: null, loaded: false }, byId: {} };

export type RoomsAction =
  | { type: 'rooms.hallway'; rooms: readonly HallwayRoom[]; next: string | null; append: boolean; managedExternally?: boolean }
  /** `hallway.updated`: changed and new rooms (new ones go last until the next read orders them), ended ones go. */
  | { type: 'rooms.hallwayLive'; rooms: readonly HallwayRoomLive[]; ended: readonly string[] }
  /** A fresh snapshot (join, subscribe ack, reload): replaces the room, keeps chat and audience. */
  | { type: 'rooms.snapshot'; room: Room }
  | { type: 'rooms.history'; roomId: string; messages: readonly RoomMessage[]; hasMore: boolean; older: boolean }
  | { type: 'rooms.audience'; roomId: string; people: readonly RoomAudienceMember[]; next: string | null; append: boolean }
  | { type: 'rooms.event'; event: RoomEvent }
  | { type: 'rooms.counts'; event: RoomCountsEvent }
  | { type: 'rooms.sending'; roomId: string; clientMessageId: string; text: string }
  | { type: 'rooms.sendSettled'; roomId: string; clientMessageId: string; message: RoomMessage | null }
  | { type: 'rooms.muted'; roomId: string; userId: string; until: string | null }
  | { type: 'rooms.closed'; roomId: string };

const ROLE_ORDER: Record<RoomRole, number> = { host: 0, moderator: 1, speaker: 2, listener: 3 };

export function emptyView(room: Room): RoomView {
  return {
    room,
    speaking: [],
    messages: [],
    historyLoaded: false,
    hasMore: false,
    pending: [],
    hands: {},
    mutes: {},
    audience: { people: [], next: null, loaded: false },
    removed: false,
  };
}

/** Merges messages by id (the newer copy wins: a tombstone replaces its message), ordered by seq. */
export function mergeRoomMessages(held: readonly RoomMessage[], incoming: readonly RoomMessage[]): readonly RoomMessage[] {
  if (incoming.length === 0) return held;
  const byId = new Map(held.map((m) => [m.id, m]));
  for (const m of incoming) {
    const old = byId.get(m.id);
    // A late copy of a message we already saw deleted must not bring its text back.
    byId.set(m.id, old?.deleted && !m.deleted ? old : m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function withStage(stage: readonly StageMember[], user: UserSummary, role: RoomRole | null): StageMember[] {
  const rest = stage.filter((s) => s.user.id !== user.id);
  if (role === null || role === 'listener') return rest;
  const old = stage.find((s) => s.user.id === user.id);
  const next = [...rest, { user, role, speaking: old?.speaking ?? false, blockedByMe: old?.blockedByMe ?? false }];
  return next.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** One room event on one view; `meId` tells my own changes apart. */
export function applyRoomEvent(view: RoomView, event: RoomEvent, meId: string | undefined): RoomView {
  const room = view.room;
  switch (event.type) {
    case 'room.updated': {
      const { title, description, hostId, chat } = event.data;
      return { ...view, room: { ...room, title, description, hostId, chat } };
    }
    case 'room.stage_changed': {
      const { user, role } = event.data;
      const mine = user.id === meId;
      const me = mine ? { ...room.me, role, ...(role !== 'listener' ? { handRaised: false, invitedToSpeak: false } : {}) } : room.me;
      const audience = role === null ? { ...view.audience, people: view.audience.people.filter((p) => p.user.id !== user.id) } : view.audience;
      // Up on the stage, moved down or gone: a raised hand or an invitation is over either way.
      return { ...view, room: { ...room, stage: withStage(room.stage, user, role), me }, hands: without(view.hands, user.id), audience };
    }
    case 'room.hand_changed': {
      const { user, handRaised, invitedToSpeak, invitedBy, declined } = event.data;
      const me =
        user.id === meId ? { ...room.me, handRaised, invitedToSpeak, invitedBy: invitedToSpeak ? (invitedBy ?? room.me.invitedBy ?? null) : null } : room.me;
      const hands =
        handRaised || invitedToSpeak || declined
          ? { ...view.hands, [user.id]: { user, handRaised, invitedToSpeak, ...(declined ? { declined } : {}) } }
          : without(view.hands, user.id);
      return { ...view, room: { ...room, me }, hands };
    }
    case 'room.message_created': {
      const { message } = event.data;
      const pending = message.sender.id === meId ? view.pending.filter((p) => p.clientMessageId !== message.clientMessageId) : view.pending;
      return { ...view, messages: mergeRoomMessages(view.messages, [message]), pending };
    }
    case 'room.message_deleted': {
      const { messageId, by } = event.data;
      if (!view.messages.some((m) => m.id === messageId)) return view;
      return { ...view, messages: view.messages.map((m) => (m.id === messageId ? { ...m, text: '', entities: [], deleted: by } : m)) };
    }
    case 'room.mute_changed': {
      const { userId, until } = event.data;
      const me = userId === meId ? { ...room.me, chatMutedUntil: until } : room.me;
      return { ...view, room: { ...room, me }, mutes: until === null ? without(view.mutes, userId) : { ...view.mutes, [userId]: until } };
    }
    case 'room.removed': {
      const { userId } = event.data;
      if (userId === meId) return { ...view, removed: true, room: { ...room, me: { ...room.me, role: null, handRaised: false, invitedToSpeak: false } } };
      return {
        ...view,
        room: { ...room, stage: room.stage.filter((s) => s.user.id !== userId) },
        hands: without(view.hands, userId),
        audience: { ...view.audience, people: view.audience.people.filter((p) => p.user.id !== userId) },
      };
    }
    case 'room.ended':
      return {
        ...view,
        room: {
          ...room,
          status: 'ended',
          endedAt: event.data.endedAt,
          stage: [],
          speakerCount: 0,
          listenerCount: 0,
          me: { ...room.me, role: null, handRaised: false, invitedToSpeak: false },
        },
        hands: {},
        pending: [],
      };
    case 'room.qa_updated':
    case 'room.question':
    case 'room.question_hidden':
      // The Q&A panel keeps its own state (features/questions).
      return view;
  }
}

function onRoom(own: RoomsState, roomId: string, fn: (view: RoomView) => RoomView): RoomsState {
  const view = own.byId[roomId];
  if (!view) return own;
  const next = fn(view);
  return next === view ? own : { ...own, byId: { ...own.byId, [roomId]: next } };
}

export const reduceRooms: SliceReducer<RoomsState, State, Action> = (own, action, { before }) => {
  switch (action.type) {
    case 'rooms.hallway': {
      const rooms = action.append ? [...own.hallway.rooms, ...action.rooms.filter((r) => !own.hallway.rooms.some((h) => h.id === r.id))] : action.rooms;
      return { ...own, hallway: { rooms, next: action.next, loaded: true, managedExternally: action.managedExternally ?? false } };
    }
    case 'rooms.hallwayLive': {
      const ended = new Set(action.ended);
      const changed = new Map(action.rooms.map((r) => [r.id, r]));
      const kept = own.hallway.rooms.filter((r) => !ended.has(r.id)).map((r) => (changed.has(r.id) ? { ...r, ...changed.get(r.id)! } : r));
      if (!own.hallway.loaded) return own;
      const added = action.rooms.filter((r) => !own.hallway.rooms.some((h) => h.id === r.id)).map((r) => ({ ...r, followedCount: 0 }));
      return { ...own, hallway: { ...own.hallway, rooms: [...kept, ...added] } };
    }
    case 'rooms.snapshot': {
      const view = own.byId[action.room.id];
      // An older snapshot (a slow HTTP answer after live events) must not roll the room back.
      if (view && view.room.seq > action.room.seq && view.room.status === action.room.status) return own;
      const hands = action.room.me.role === 'host' || action.room.me.role === 'moderator' ? (view?.hands ?? {}) : {};
      return { ...own, byId: { ...own.byId, [action.room.id]: view ? { ...view, room: action.room, hands } : emptyView(action.room) } };
    }
    case 'rooms.history':
      return onRoom(own, action.roomId, (v) => ({
        ...v,
        messages: mergeRoomMessages(v.messages, action.messages),
        historyLoaded: true,
        hasMore: action.older || !v.historyLoaded ? action.hasMore : v.hasMore,
      }));
    case 'rooms.audience':
      return onRoom(own, action.roomId, (v) => {
        const people = action.append
          ? [...v.audience.people, ...action.people.filter((p) => !v.audience.people.some((q) => q.user.id === p.user.id))]
          : action.people;
        const hands = { ...v.hands };
        for (const p of action.people) {
          if (p.handRaised) hands[p.user.id] = { user: p.user, handRaised: true, invitedToSpeak: hands[p.user.id]?.invitedToSpeak ?? false };
        }
        const staff = v.room.me.role === 'host' || v.room.me.role === 'moderator';
        return { ...v, audience: { people, next: action.next, loaded: true }, hands: staff ? hands : v.hands };
      });
    case 'rooms.event': {
      const e = action.event;
      return onRoom(own, e.roomId, (v) => {
        const next = applyRoomEvent(v, e, before.session.me?.id);
        return { ...next, room: { ...next.room, seq: Math.max(next.room.seq, e.seq) } };
      });
    }
    case 'rooms.counts': {
      const { roomId, data } = action.event;
      const hallway = own.hallway.rooms.some((r) => r.id === roomId)
        ? {
            ...own.hallway,
            rooms: own.hallway.rooms.map((r) => (r.id === roomId ? { ...r, speakerCount: data.speakerCount, listenerCount: data.listenerCount } : r)),
          }
        : own.hallway;
      const withHallway = hallway === own.hallway ? own : { ...own, hallway };
      return onRoom(withHallway, roomId, (v) => ({
        ...v,
        speaking: data.speakingIds,
        room: {
          ...v.room,
          speakerCount: data.speakerCount,
          listenerCount: data.listenerCount,
          stage: v.room.stage.map((s) => ({ ...s, speaking: data.speakingIds.includes(s.user.id) })),
        },
      }));
    }
    case 'rooms.sending':
      return onRoom(own, action.roomId, (v) => ({ ...v, pending: [...v.pending, { clientMessageId: action.clientMessageId, text: action.text }] }));
    case 'rooms.sendSettled':
      return onRoom(own, action.roomId, (v) => ({
        ...v,
        pending: v.pending.filter((p) => p.clientMessageId !== action.clientMessageId),
        messages: action.message ? mergeRoomMessages(v.messages, [action.message]) : v.messages,
      }));
    case 'rooms.muted':
      return onRoom(own, action.roomId, (v) => ({
        ...v,
        mutes: action.until === null ? without(v.mutes, action.userId) : { ...v.mutes, [action.userId]: action.until },
      }));
    case 'rooms.closed':
      return own.byId[action.roomId] ? { ...own, byId: without(own.byId, action.roomId) } : own;
    default:
      return own;
  }
};
