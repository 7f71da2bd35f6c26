/**
 * Live rooms and room chat over HTTP (docs/subsystems/rooms.md). Parse → action → present; every
 * rule is in domain/rooms. Room events arrive on the socket (`room.subscribe`).
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from '@backchannel/protocol';
import {
  AudiencePage,
  AudienceQuery,
  ChatSettingsBody,
  CreateRoomBody,
  HallwayPage,
  HallwayQuery,
  HandBody,
  IdParams,
  MuteBody,
  Ok,
  RoomHistoryQuery,
  RoomMessagePage,
  RoomMessageParams,
  RoomMessageResponse,
  RoomResponse,
  RoomUserParams,
  SendRoomMessageBody,
} from '@backchannel/protocol/schemas';
import { DomainError } from '../../domain/errors.js';
import { acceptSpeak } from '../../domain/rooms/acceptSpeak.js';
import { createRoom } from '../../domain/rooms/createRoom.js';
import { declineSpeak } from '../../domain/rooms/declineSpeak.js';
import { deleteRoomMessage } from '../../domain/rooms/deleteRoomMessage.js';
import { endRoom } from '../../domain/rooms/endRoom.js';
import { getRoom } from '../../domain/rooms/getRoom.js';
import { inviteToSpeak } from '../../domain/rooms/inviteToSpeak.js';
import { joinRoom } from '../../domain/rooms/joinRoom.js';
import { leaveRoom } from '../../domain/rooms/leaveRoom.js';
import { listAudience } from '../../domain/rooms/listAudience.js';
import { listHallway } from '../../domain/rooms/listHallway.js';
import { moveToAudience } from '../../domain/rooms/moveToAudience.js';
import { muteInRoom } from '../../domain/rooms/muteInRoom.js';
import { removeFromRoom } from '../../domain/rooms/removeFromRoom.js';
import { roomHistory } from '../../domain/rooms/roomHistory.js';
import { sendRoomMessage } from '../../domain/rooms/sendRoomMessage.js';
import { setChatSettings } from '../../domain/rooms/setChatSettings.js';
import { setHand } from '../../domain/rooms/setHand.js';
import { setModerator } from '../../domain/rooms/setModerator.js';
import type { RouteContext } from './context.js';

const tags = ['rooms'];
const ok = { ok: true as const };
type Id = { Params: Static<typeof IdParams> };
type User = { Params: Static<typeof RoomUserParams> };

export function roomRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { deps, auth } = ctx;
  const write = (userId: string) => ctx.writeLimit(userId);
  /** `operationId` is the SDK's `client.rooms.*` method; `errors` the domain codes (http/openapi/errorResponses.ts). */
  const route = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[], extra: Record<string, unknown> = {}) => ({
    schema: { tags, operationId: `rooms.${operationId}`, summary, errors, response: { 200: response }, ...extra },
    preHandler: auth,
  });
  const onRoom = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[], extra: Record<string, unknown> = {}) => route(operationId, summary, response, errors, { params: IdParams, ...extra });
  const onPerson = (operationId: string, summary: string, response: object, errors: readonly ErrorCode[], extra: Record<string, unknown> = {}) => route(operationId, summary, response, errors, { params: RoomUserParams, ...extra });
  /** Guarded actions belong to the audio service in external rooms mode (domain/audio/roomsPort.ts). */
  const ext = 'room_managed_externally' as const;
  const live = ['not_found', 'room_ended', 'not_in_room'] as const;

  app.post<{ Body: Static<typeof CreateRoomBody> }>('/v1/rooms', route('create', 'Start a room (you are its host)', RoomResponse, ['invalid_text', ext, 'rate_limited'], { body: CreateRoomBody }), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('create', req.actor.user, null);
    return { room: await createRoom(deps, req.actor.user, req.body) };
  });
  app.get<{ Querystring: Static<typeof HallwayQuery> }>('/v1/rooms', route('hallway', 'The hallway: live rooms you may see, people you follow on stage first, then by size', HallwayPage, [], { querystring: HallwayQuery }), async (req) =>
    listHallway(deps, req.actor.user, req.query),
  );
  app.get<Id>('/v1/rooms/:id', onRoom('get', 'A room: its stage, counts, chat settings and your place in it', RoomResponse, ['not_found']), async (req) => ({ room: await getRoom(deps, req.actor.user, req.params.id) }));
  app.post<Id>('/v1/rooms/:id/join', onRoom('join', 'Join a live room (then `room.subscribe` on the socket)', RoomResponse, ['not_found', 'room_ended', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('join', req.actor.user, req.params.id);
    return { room: await joinRoom(deps, req.actor.user, req.params.id) };
  });
  app.post<Id>('/v1/rooms/:id/leave', onRoom('leave', 'Leave a room (the host needs a moderator to hand over to, or ends the room)', Ok, [...live, 'room_no_successor', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('leave', req.actor.user, req.params.id);
    await leaveRoom(deps, req.actor.user, req.params.id);
    return ok;
  });
  app.post<Id>('/v1/rooms/:id/end', onRoom('end', 'End the room (host only); its chat becomes read-only', RoomResponse, [...live, 'forbidden', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('end', req.actor.user, req.params.id);
    return { room: await endRoom(deps, req.actor.user, req.params.id) };
  });
  app.get<Id & { Querystring: Static<typeof AudienceQuery> }>('/v1/rooms/:id/people', onRoom('people', 'The people in the room, stage first, paged', AudiencePage, ['not_found'], { querystring: AudienceQuery }), async (req) =>
    listAudience(deps, req.actor.user, req.params.id, req.query),
  );
  app.post<Id & { Body: Static<typeof HandBody> }>('/v1/rooms/:id/hand', onRoom('setHand', 'Raise or lower your hand (listeners; rate-limited)', Ok, [...live, 'conflict', 'rate_limited'], { body: HandBody }), async (req) => {
    const v = ctx.roomHands.take(req.actor.user.id);
    if (!v.ok) throw new DomainError('rate_limited', 'Too many hand raises.', { retryAfterMs: v.retryAfterMs });
    await setHand(deps, req.actor.user, req.params.id, req.body.raised);
    return ok;
  });
  app.post<Id>('/v1/rooms/:id/speak', onRoom('acceptSpeak', 'Accept an invitation to speak', RoomResponse, [...live, 'room_not_invited', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('acceptSpeak', req.actor.user, req.params.id);
    return { room: await acceptSpeak(deps, req.actor.user, req.params.id) };
  });
  app.delete<Id>('/v1/rooms/:id/speak', onRoom('declineSpeak', 'Decline an invitation to speak (the staff see it declined)', RoomResponse, [...live, 'room_not_invited', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('declineSpeak', req.actor.user, req.params.id);
    return { room: await declineSpeak(deps, req.actor.user, req.params.id) };
  });
  app.post<User>('/v1/rooms/:id/people/:userId/invite', onPerson('inviteToSpeak', 'Invite a listener to speak (host or moderator)', Ok, [...live, 'forbidden', 'conflict', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('inviteToSpeak', req.actor.user, req.params.id);
    await inviteToSpeak(deps, req.actor.user, req.params.id, req.params.userId);
    return ok;
  });
  app.post<User>('/v1/rooms/:id/people/:userId/audience', onPerson('moveToAudience', 'Move someone from the stage to the audience (host or moderator; anyone for themselves)', Ok, [...live, 'forbidden', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('moveToAudience', req.actor.user, req.params.id);
    await moveToAudience(deps, req.actor.user, req.params.id, req.params.userId);
    return ok;
  });
  app.post<User>('/v1/rooms/:id/people/:userId/remove', onPerson('remove', 'Remove someone from the room; they cannot join it again (host or moderator)', Ok, [...live, 'forbidden', 'self_action', 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await removeFromRoom(deps, req.actor.user, req.params.id, req.params.userId);
    return ok;
  });
  app.put<User>('/v1/rooms/:id/moderators/:userId', onPerson('addModerator', 'Make someone in the room a moderator (host only)', Ok, [...live, 'forbidden', 'self_action', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('setModerator', req.actor.user, req.params.id);
    await setModerator(deps, req.actor.user, req.params.id, req.params.userId, true);
    return ok;
  });
  app.delete<User>('/v1/rooms/:id/moderators/:userId', onPerson('removeModerator', 'Take moderator back (host only); they stay on the stage as a speaker', Ok, [...live, 'forbidden', 'self_action', ext, 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await ctx.rooms.guard('setModerator', req.actor.user, req.params.id);
    await setModerator(deps, req.actor.user, req.params.id, req.params.userId, false);
    return ok;
  });
  app.put<User & { Body: Static<typeof MuteBody> }>('/v1/rooms/:id/mutes/:userId', onPerson('mute', 'Mute someone in the chat for N minutes, or for the room (host or moderator)', Ok, [...live, 'forbidden', 'self_action', 'rate_limited'], { body: MuteBody }), async (req) => {
    write(req.actor.user.id);
    await muteInRoom(deps, req.actor.user, req.params.id, req.params.userId, req.body.minutes);
    return ok;
  });
  app.delete<User>('/v1/rooms/:id/mutes/:userId', onPerson('unmute', 'Lift a chat mute (host or moderator)', Ok, [...live, 'forbidden', 'self_action', 'rate_limited']), async (req) => {
    write(req.actor.user.id);
    await muteInRoom(deps, req.actor.user, req.params.id, req.params.userId, 'unmute');
    return ok;
  });
  app.patch<Id & { Body: Static<typeof ChatSettingsBody> }>('/v1/rooms/:id/chat', onRoom('setChat', 'Switch the chat on/off or change its mode (host or moderator)', RoomResponse, [...live, 'forbidden', 'rate_limited'], { body: ChatSettingsBody }), async (req) => {
    write(req.actor.user.id);
    return { room: await setChatSettings(deps, req.actor.user, req.params.id, req.body) };
  });
  app.get<Id & { Querystring: Static<typeof RoomHistoryQuery> }>('/v1/rooms/:id/messages', onRoom('history', 'Room chat: the last messages, or those before `before`', RoomMessagePage, ['not_found', 'not_in_room'], { querystring: RoomHistoryQuery }), async (req) =>
    roomHistory(deps, req.actor.user, req.params.id, req.query),
  );
  app.post<Id & { Body: Static<typeof SendRoomMessageBody> }>('/v1/rooms/:id/messages', onRoom('send', 'Send a room chat message (idempotent on clientMessageId)', RoomMessageResponse, [...live, 'empty_message', 'invalid_text', 'room_chat_off', 'room_chat_muted', 'room_slow_mode', 'room_followers_only', 'room_emoji_only', 'rate_limited'], { body: SendRoomMessageBody, scope: 'send' }), async (req) => {
    write(req.actor.user.id);
    return { message: await sendRoomMessage(deps, req.actor.user, req.params.id, req.body) };
  });
  app.delete<{ Params: Static<typeof RoomMessageParams> }>('/v1/rooms/:id/messages/:messageId', route('deleteMessage', 'Delete a chat message (its author, or a host or moderator)', Ok, [...live, 'forbidden', 'rate_limited'], { params: RoomMessageParams }), async (req) => {
    write(req.actor.user.id);
    await deleteRoomMessage(deps, req.actor.user, req.params.id, req.params.messageId);
    return ok;
  });
}
