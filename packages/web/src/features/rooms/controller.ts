/**
 * The rooms' part of the controller (docs/web.md "Rooms"): the hallway, entering a room (join,
 * subscribe on the socket from the room's seq, the latest chat page, the audience), chat sends,
 * and the host's and moderators' actions. Room events come through the SDK's RoomFeed, which
 * delivers each seq once and re-subscribes from the last one after a reconnect; the store applies
 * them (state.ts). Every action goes to the server first; the store changes when its event lands,
 * so every device and every person sees the same room.
 */
import type { CreateReportBody, HallwayRoom, ReportReceipt, Room, RoomChatSettings, RoomCountsEvent, RoomEvent, RoomMessage } from '@backchannel/protocol';
import { BackchannelError, newClientMessageId, RoomFeed, type BackchannelSocket } from '@backchannel/sdk';
import type { ControllerDeps } from '../../core/client.js';
import type { ReportChoice } from '../../components/ReportDialog.js';
import { HallwayLive } from './hallwayLive.js';

const HISTORY_PAGE = 50;
const AUDIENCE_PAGE = 50;
/** Staff see new listeners (to invite them up) without hammering the server in a big room. */
const AUDIENCE_REFRESH_MS = 4000;

export class RoomsController {
  private feed: RoomFeed | null = null;
  private readonly audienceRefreshed = new Map<string, number>();
  private readonly hallwayLive: HallwayLive;

  constructor(private readonly deps: ControllerDeps) {
    this.hallwayLive = new HallwayLive(deps, () => this.loadHallway());
  }

  private get rooms() {
    return this.deps.client.rooms;
  }

  private view(roomId: string) {
    return this.deps.store.getState().rooms.byId[roomId];
  }

  /** A new session's socket: its room frames feed the store; each `ready` resumes the rooms. */
  attach(socket: BackchannelSocket, live: () => boolean): void {
    const feed = new RoomFeed(() => socket, {
      event: (event) => void (live() && this.onEvent(event)),
      counts: (event) => void (live() && this.onCounts(event)),
      subscribed: (room) => void (live() && this.deps.store.dispatch({ type: 'rooms.snapshot', room })),
      resync: (roomId) => this.reload(roomId),
      lost: (roomId, error) => void (live() && this.onLost(roomId, error)),
    });
    this.feed = feed;
    this.hallwayLive.attach(socket, live);
    socket.on('ready', () => {
      if (live()) feed.resume();
    });
    socket.on('room', (frame) => {
      if (live()) feed.receive(frame);
    });
  }

  // --- The hallway. ---

  async loadHallway(more = false): Promise<void> {
    const token = more ? this.deps.store.getState().rooms.hallway.next : undefined;
    if (more && !token) return;
    const page = await this.rooms.hallway({ limit: 20, ...(token ? { pageToken: token } : {}) });
    this.deps.store.dispatch({ type: 'rooms.hallway', rooms: page.rooms, next: page.next, append: more, managedExternally: page.managedExternally ?? false });
  }

  /** Live hallway updates while a screen shows it; call the returned function when it goes. */
  watchHallway(): () => void {
    return this.hallwayLive.watch();
  }

  /** Starts a room (I am its host and in it) and returns it; the room page then enters it. */
  async startRoom(input: { title: string; description: string; visibility: HallwayRoom['visibility']; invitedUserIds: string[] }): Promise<Room> {
    const room = await this.rooms.create({
      title: input.title,
      ...(input.description ? { description: input.description } : {}),
      visibility: input.visibility,
      ...(input.visibility === 'closed' ? { invitedUserIds: input.invitedUserIds } : {}),
    });
    this.deps.store.dispatch({ type: 'rooms.snapshot', room });
    return room;
  }

  // --- Entering and leaving. ---

  /**
   * Joins a live room (a no-op when already in), or opens an ended one read-only (the replay), then
   * subscribes from the joined room's seq, so events during the chat load are replayed, not lost.
   */
  async enter(roomId: string): Promise<Room> {
    await this.leaveOthers(roomId);
    let room: Room;
    try {
      room = await this.rooms.join(roomId);
    } catch (err) {
      if (!(err instanceof BackchannelError && err.code === 'room_ended')) throw err;
      room = await this.rooms.get(roomId);
    }
    this.deps.store.dispatch({ type: 'rooms.snapshot', room });
    if (room.status === 'live') void this.feed?.subscribe(roomId, room.seq);
    await this.loadLatest(roomId);
    if (room.status === 'live') await this.loadAudience(roomId);
    return room;
  }

  /**
   * One room at a time, as in the audio app: going into a room leaves the one I listen or speak in.
   * A host or moderator stays (they may be running it; the hallway bar brings them back).
   */
  private async leaveOthers(roomId: string): Promise<void> {
    const others = Object.values(this.deps.store.getState().rooms.byId).filter(
      (v) => v.room.id !== roomId && v.room.status === 'live' && !v.removed && (v.room.me.role === 'listener' || v.room.me.role === 'speaker'),
    );
    await Promise.all(others.map((v) => this.leave(v.room.id).catch(() => undefined)));
  }

  async leave(roomId: string): Promise<void> {
    await this.rooms.leave(roomId);
    this.close(roomId);
  }

  /** Stops following a room (it left the screen for good: left, removed, ended and closed). */
  close(roomId: string): void {
    this.feed?.unsubscribe(roomId);
    this.deps.store.dispatch({ type: 'rooms.closed', roomId });
  }

  async end(roomId: string): Promise<void> {
    this.deps.store.dispatch({ type: 'rooms.snapshot', room: await this.rooms.end(roomId) });
  }

  // --- Chat. ---

  async loadLatest(roomId: string): Promise<void> {
    const page = await this.rooms.history(roomId, { limit: HISTORY_PAGE });
    this.deps.store.dispatch({ type: 'rooms.history', roomId, messages: page.messages, hasMore: page.hasMore, older: false });
  }

  async loadOlder(roomId: string): Promise<void> {
    const oldest = this.view(roomId)?.messages[0];
    if (!oldest || !this.view(roomId)?.hasMore) return;
    const page = await this.rooms.history(roomId, { before: oldest.seq, limit: HISTORY_PAGE });
    this.deps.store.dispatch({ type: 'rooms.history', roomId, messages: page.messages, hasMore: page.hasMore, older: true });
  }

  /**
   * Sends over the socket when it is up, else over HTTP (same idempotent clientMessageId). Rejects
   * with the server's error (slow mode carries `retryAfterMs`); the text is then the caller's again.
   */
  async send(roomId: string, text: string): Promise<void> {
    const clientMessageId = newClientMessageId();
    this.deps.store.dispatch({ type: 'rooms.sending', roomId, clientMessageId, text });
    let message: RoomMessage | null = null;
    try {
      message = await this.sendOnce(roomId, clientMessageId, text);
    } finally {
      this.deps.store.dispatch({ type: 'rooms.sendSettled', roomId, clientMessageId, message });
    }
  }

  private async sendOnce(roomId: string, clientMessageId: string, text: string): Promise<RoomMessage> {
    const socket = this.deps.socket();
    if (socket?.phase === 'ready') {
      try {
        return (await socket.request<{ message: RoomMessage }>({ op: 'room.message.send', roomId, clientMessageId, text })).message;
      } catch (err) {
        // Lost with the connection: whether it went is unknown, and the HTTP retry answers either way.
        if (!(err instanceof BackchannelError && err.code === 'network_error')) throw err;
      }
    }
    return this.rooms.send(roomId, { clientMessageId, text });
  }

  deleteMessage(roomId: string, messageId: string): Promise<void> {
    return this.rooms.deleteMessage(roomId, messageId);
  }

  /** Reports a room chat message: the room and the chat around the message go to the moderators with it (the server freezes them). */
  reportMessage(roomId: string, message: RoomMessage, choice: ReportChoice): Promise<ReportReceipt> {
    const body: CreateReportBody = {
      target: { kind: 'room_message', roomId, messageId: message.id },
      reason: choice.reason,
      ...(choice.note ? { note: choice.note } : {}),
      ...(choice.block ? { block: true } : {}),
    };
    return this.deps.client.report(body);
  }

  withdrawReport(reportId: string): Promise<void> {
    return this.deps.client.withdrawReport(reportId);
  }

  // --- My place in the room. ---

  setHand(roomId: string, raised: boolean): Promise<void> {
    return this.rooms.setHand(roomId, raised);
  }

  async acceptSpeak(roomId: string): Promise<void> {
    this.deps.store.dispatch({ type: 'rooms.snapshot', room: await this.rooms.acceptSpeak(roomId) });
  }

  /** Says no to an invitation to speak: it is withdrawn, and the host and moderators see it declined. */
  async declineSpeak(roomId: string): Promise<void> {
    this.deps.store.dispatch({ type: 'rooms.snapshot', room: await this.rooms.declineSpeak(roomId) });
  }

  /** A speaker going back to the audience by choice. */
  stepDown(roomId: string, meId: string): Promise<void> {
    return this.rooms.moveToAudience(roomId, meId);
  }

  // --- The host's and moderators' controls. ---

  inviteToSpeak(roomId: string, userId: string): Promise<void> {
    return this.rooms.inviteToSpeak(roomId, userId);
  }

  async moveToAudience(roomId: string, userId: string): Promise<void> {
    await this.rooms.moveToAudience(roomId, userId);
    void this.refreshAudience(roomId, true);
  }

  remove(roomId: string, userId: string): Promise<void> {
    return this.rooms.remove(roomId, userId);
  }

  setModerator(roomId: string, userId: string, moderator: boolean): Promise<void> {
    return this.rooms.setModerator(roomId, userId, moderator);
  }

  /** `minutes: null` is for the rest of the room; `room.mute_changed` reaches the muted person and the staff. */
  async mute(roomId: string, userId: string, minutes: number | null): Promise<void> {
    await this.rooms.mute(roomId, userId, minutes);
  }

  async unmute(roomId: string, userId: string): Promise<void> {
    await this.rooms.unmute(roomId, userId);
    this.deps.store.dispatch({ type: 'rooms.muted', roomId, userId, until: null });
  }

  async setChat(roomId: string, chat: Partial<RoomChatSettings>): Promise<void> {
    this.deps.store.dispatch({ type: 'rooms.snapshot', room: await this.rooms.setChat(roomId, chat) });
  }

  // --- The audience. ---

  async loadAudience(roomId: string, more = false): Promise<void> {
    const token = more ? this.view(roomId)?.audience.next : undefined;
    if (more && !token) return;
    const page = await this.rooms.people(roomId, { limit: AUDIENCE_PAGE, ...(token ? { pageToken: token } : {}) });
    this.audienceRefreshed.set(roomId, Date.now());
    this.deps.store.dispatch({ type: 'rooms.audience', roomId, people: page.people, next: page.next, append: more });
  }

  /** Staff with only the first page open re-read it when the room changes, at most every few seconds. */
  private async refreshAudience(roomId: string, now = false): Promise<void> {
    const view = this.view(roomId);
    if (!view || view.room.status !== 'live' || !view.audience.loaded || view.audience.people.length > AUDIENCE_PAGE) return;
    const staff = view.room.me.role === 'host' || view.room.me.role === 'moderator';
    if (!staff && !now) return;
    if (!now && Date.now() - (this.audienceRefreshed.get(roomId) ?? 0) < AUDIENCE_REFRESH_MS) return;
    await this.loadAudience(roomId).catch(() => undefined);
  }

  // --- Socket events. ---

  private onEvent(event: RoomEvent): void {
    this.deps.store.dispatch({ type: 'rooms.event', event });
    if (event.type === 'room.stage_changed') void this.refreshAudience(event.roomId);
  }

  private onCounts(event: RoomCountsEvent): void {
    const before = this.view(event.roomId)?.room.listenerCount;
    this.deps.store.dispatch({ type: 'rooms.counts', event });
    if (before !== event.data.listenerCount) void this.refreshAudience(event.roomId);
  }

  private async reload(roomId: string): Promise<Room> {
    const room = await this.rooms.get(roomId);
    this.deps.store.dispatch({ type: 'rooms.snapshot', room });
    await this.loadLatest(roomId);
    return room;
  }

  /** The subscription ended: presence lapsed (join again), the room ended (read-only) or it is gone to me. */
  private async onLost(roomId: string, error: BackchannelError): Promise<void> {
    if (!this.view(roomId) || this.view(roomId)?.removed) return;
    try {
      if (error.code === 'not_in_room') {
        const room = await this.rooms.join(roomId);
        this.deps.store.dispatch({ type: 'rooms.snapshot', room });
        await this.feed?.subscribe(roomId, room.seq);
      } else {
        await this.reload(roomId);
      }
    } catch {
      // Gone for me (removed, hidden): the room page says so from the snapshot it holds.
    }
  }
}
