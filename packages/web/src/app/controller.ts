/**
 * The one place that talks to the server (through @backchannel/sdk) and feeds the store. Screens
 * call these intent-named methods and read state; they never fetch on their own.
 *
 * Start-up order avoids losing events between the HTTP load and the socket: take the stream head
 * first (`syncHead`), load the lists, then resume the socket from that head, so anything that
 * happened during the load is replayed (the reducer is idempotent, so overlaps are harmless).
 */
import {
  DURABLE_EVENT_TYPES,
  type AuditEntry,
  type Conversation,
  type CreateReportBody,
  type DurableEvent,
  type Me,
  type Report,
  type ReportReason,
  type ReportReceipt,
  type ReportState,
  type SettingsBody,
  type SignupBody,
  type UpdateMeBody,
  type UserSummary,
} from '@backchannel/protocol';
import { BackchannelClient, BackchannelError, type BackchannelSocket, type OutboxEntry } from '@backchannel/sdk';
import { StateContainer } from '../core/store.js';
import { describeError } from '../core/describe.js';
import { PeopleResolver, peopleIn } from '../features/profile/people.js';
import type { Action } from './state.js';

// Screens import these from here; they live in describe.ts to keep this file about the SDK.
export { describeError, waitLabel } from '../core/describe.js';

const TOKEN_KEY = 'backchannel.token';
const HISTORY_PAGE = 50;
const LIST_PAGE = 100;
const MAX_LIST_PAGES = 20;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Maps an SDK outbox snapshot to the store's action for it. */
export function outboxAction(entry: OutboxEntry, now: string): Action {
  if (entry.status === 'sent' && entry.message) return { type: 'outbox.sent', clientMessageId: entry.clientMessageId, message: entry.message };
  if (entry.status === 'failed') return { type: 'outbox.failed', clientMessageId: entry.clientMessageId, error: describeError(entry.error), ...(entry.error ? { code: entry.error.code } : {}) };
  return { type: 'outbox.pending', entry: { clientMessageId: entry.clientMessageId, conversationId: entry.conversationId, text: entry.text, state: 'pending', createdAt: now } };
}

export class AppController {
  readonly store = new StateContainer();
  readonly client: BackchannelClient;
  private socket: BackchannelSocket | null = null;
  private generation = 0;
  private readonly people = new PeopleResolver(
    (id) => this.client.profile(id),
    (id) => id === this.store.getState().me?.id || this.store.getState().people[id] !== undefined,
    (users) => this.store.dispatch({ type: 'people.loaded', users }),
  );

  constructor(
    baseUrl: string,
    private readonly storage: KeyValueStorage,
  ) {
    this.client = new BackchannelClient({ baseUrl });
  }

  private restoring: Promise<boolean> | null = null;

  /** Resumes a saved session; false when there is none or it expired. Safe to call twice (StrictMode). */
  restore(): Promise<boolean> {
    this.restoring ??= this.doRestore();
    return this.restoring;
  }

  private async doRestore(): Promise<boolean> {
    const token = this.storage.getItem(TOKEN_KEY);
    if (!token) return false;
    this.client.setToken(token);
    try {
      await this.start(await this.client.me());
      return true;
    } catch (err) {
      if (err instanceof BackchannelError && err.code === 'unauthorized') this.forget();
      else throw err;
      return false;
    }
  }

  async signup(body: SignupBody): Promise<void> {
    const session = await this.client.signup(body);
    this.storage.setItem(TOKEN_KEY, session.token);
    await this.start(session.user);
  }

  async login(username: string, password: string): Promise<void> {
    const session = await this.client.login({ username, password });
    this.storage.setItem(TOKEN_KEY, session.token);
    await this.start(session.user);
  }

  async logout(): Promise<void> {
    try {
      await this.client.logout();
    } finally {
      this.forget();
    }
  }

  async updateMe(body: UpdateMeBody): Promise<Me> {
    const me = await this.client.updateMe(body);
    this.store.dispatch({ type: 'me.updated', me });
    return me;
  }

  private async start(me: Me): Promise<void> {
    const generation = ++this.generation;
    this.socket?.close();
    this.people.reset();
    this.store.dispatch({ type: 'session.started', me });
    this.store.dispatch({ type: 'connection', state: 'connecting' });
    const head = await this.client.syncHead();
    await this.loadLists();
    if (generation !== this.generation) return; // logged out (or in again) meanwhile
    this.socket = this.client.socket({ cursor: head.cursor });
    this.wire(this.socket, generation);
    this.socket.connect();
  }

  private wire(socket: BackchannelSocket, generation: number): void {
    const live = () => generation === this.generation;
    for (const type of DURABLE_EVENT_TYPES) {
      socket.on(type, (event) => {
        if (live()) this.receive(event);
      });
    }
    const when =
      <E>(fn: (event: E) => void) =>
      (event: E): void => {
        if (live()) fn(event);
      };
    socket.on('typing', when((event) => this.store.dispatch({ type: 'event', event, now: Date.now() })));
    socket.on('ready', when(() => this.store.dispatch({ type: 'connection', state: 'online' })));
    socket.on('disconnected', when((e) => e.willReconnect && this.store.dispatch({ type: 'connection', state: 'offline' })));
    socket.on('outbox', when((entry) => this.store.dispatch(outboxAction(entry, new Date().toISOString()))));
    socket.on('unauthorized', when(() => this.forget()));
    // Too far behind to replay: reload what we show. The socket waits for this before resuming.
    socket.on('resync', async () => {
      if (!live()) return;
      await this.loadLists();
      await Promise.all(Object.keys(this.store.getState().messages).map((id) => this.loadLatest(id)));
    });
  }

  /** A durable event from the socket: into the store, then what it sets off. */
  receive(event: DurableEvent): void {
    this.store.dispatch({ type: 'event', event, now: Date.now() });
    if (event.type === 'message.created') {
      this.ensureConversation(event.data.message.conversationId);
      this.people.want(peopleIn([event.data.message]));
    }
    if (event.type === 'request.accepted') this.retryRefusedWhilePending(event.data.conversationId);
  }

  /**
   * My request was accepted: what the server refused with `request_pending` may go now, so it is
   * retried without waiting for a tap on Retry (same clientMessageId, so idempotent).
   */
  private retryRefusedWhilePending(conversationId: string): void {
    for (const p of Object.values(this.store.getState().outbox)) {
      if (p.conversationId === conversationId && p.state === 'failed' && p.code === 'request_pending') this.retry(p.clientMessageId);
    }
  }

  private forget(): void {
    this.generation++;
    this.socket?.close();
    this.socket = null;
    this.client.setToken(undefined);
    this.storage.removeItem(TOKEN_KEY);
    this.store.dispatch({ type: 'session.ended' });
  }

  /** Loads every folder, following `next` pages (bounded, so a huge account cannot stall start-up). */
  async loadLists(): Promise<void> {
    await Promise.all(
      (['inbox', 'requests', 'archived'] as const).map(async (list) => {
        let before: string | undefined;
        for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
          const page = await this.client.listConversations({ folder: list, limit: LIST_PAGE, ...(before ? { before } : {}) });
          this.store.dispatch({ type: 'conversations.loaded', list, conversations: page.conversations });
          this.people.want(peopleIn(page.conversations.map((c) => c.lastMessage)));
          if (!page.next) break;
          before = page.next;
        }
      }),
    );
  }

  private ensureConversation(id: string): void {
    if (this.store.getState().conversations[id]) return;
    this.client.getConversation(id).then(
      (conversation) => this.store.dispatch({ type: 'conversation.loaded', conversation }),
      () => undefined, // gone or not visible: the next list load settles it
    );
  }

  /** Loads the conversation (if unknown) and its latest page of messages (if not loaded yet). */
  async openConversation(id: string): Promise<Conversation> {
    const state = this.store.getState();
    let conversation = state.conversations[id];
    if (!conversation) {
      conversation = await this.client.getConversation(id);
      this.store.dispatch({ type: 'conversation.loaded', conversation });
    }
    if (!state.messages[id]) await this.loadLatest(id);
    return conversation;
  }

  private async loadLatest(id: string): Promise<void> {
    const page = await this.client.history(id, { limit: HISTORY_PAGE });
    this.store.dispatch({ type: 'history.loaded', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: false });
    this.people.want(peopleIn(page.messages));
  }

  /** Pages back from the oldest loaded message; false when there is nothing older. */
  async loadOlder(id: string): Promise<boolean> {
    const list = this.store.getState().messages[id];
    const oldest = list?.items[0];
    if (!list || !list.hasMore || !oldest) return false;
    const page = await this.client.history(id, { before: oldest.seq, limit: HISTORY_PAGE });
    this.store.dispatch({ type: 'history.loaded', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: true });
    this.people.want(peopleIn(page.messages));
    return page.hasMore;
  }

  send(conversationId: string, text: string): void {
    this.socket?.send(conversationId, text);
  }

  retry(clientMessageId: string): void {
    this.socket?.retry(clientMessageId);
  }

  discard(clientMessageId: string): void {
    this.socket?.discard(clientMessageId);
    this.store.dispatch({ type: 'outbox.discarded', clientMessageId });
  }

  markRead(conversationId: string, seq: number): void {
    const c = this.store.getState().conversations[conversationId];
    if (!c || seq <= c.readSeq) return;
    this.store.dispatch({ type: 'read.local', conversationId, seq });
    this.socket?.markRead(conversationId, seq);
  }

  typing(conversationId: string): void {
    this.socket?.typing(conversationId);
  }

  async updateSettings(conversationId: string, body: SettingsBody): Promise<void> {
    this.store.dispatch({ type: 'conversation.loaded', conversation: await this.client.updateSettings(conversationId, body) });
  }

  async openDirect(userId: string): Promise<Conversation> {
    return this.adopt(await this.client.openDirect(userId));
  }

  /**
   * The first message to someone I have no chat with: the 1:1 is created now, not when I pressed
   * Message (an empty chat would sit in the inbox). openDirect returns the existing one if any.
   */
  async startDirect(userId: string, text: string): Promise<Conversation> {
    const c = await this.openDirect(userId);
    // Hold its history before sending: an ack that arrives while no list is held is not kept, and
    // a history page read before the send commits would then show the chat empty.
    await this.openConversation(c.id);
    this.send(c.id, text);
    return c;
  }

  async createGroup(memberIds: string[], title?: string): Promise<Conversation> {
    return this.adopt(await this.client.createGroup(title ? { memberIds, title } : { memberIds }));
  }

  async renameGroup(id: string, title: string): Promise<Conversation> {
    return this.adopt(await this.client.renameGroup(id, title));
  }

  async addMembers(id: string, userIds: string[]): Promise<Conversation> {
    return this.adopt(await this.client.addMembers(id, userIds));
  }

  async removeMember(id: string, userId: string): Promise<Conversation> {
    return this.adopt(await this.client.removeMember(id, userId));
  }

  async leave(id: string): Promise<void> {
    await this.client.leaveConversation(id);
    this.store.dispatch({ type: 'event', event: { type: 'conversation.left', pos: 'local', data: { conversationId: id } }, now: Date.now() });
  }

  private adopt(conversation: Conversation): Conversation {
    this.store.dispatch({ type: 'conversation.loaded', conversation });
    return conversation;
  }

  // --- Requests (docs/subsystems/message-requests.md). The server tells the recipient's other
  // devices with `conversation.left` / `conversation.joined`; this device updates at once. ---

  async acceptRequest(id: string): Promise<Conversation> {
    return this.adopt(await this.client.acceptRequest(id));
  }

  async deleteRequest(id: string): Promise<void> {
    await this.client.deleteRequest(id);
    this.dropLocally(id);
  }

  async blockRequest(id: string): Promise<void> {
    await this.client.blockRequest(id);
    this.dropLocally(id);
  }

  /** Report and block in one step. */
  async reportRequest(id: string, reason: ReportReason, note?: string): Promise<void> {
    await this.client.reportRequest(id, note ? { reason, note } : { reason });
    this.dropLocally(id);
  }

  /** Returns how many went; then re-lists, since the answer does not say which. */
  async deleteAllRequests(accountYoungerThanDays?: number): Promise<number> {
    const deleted = await this.client.deleteAllRequests(accountYoungerThanDays ? { accountYoungerThanDays } : {});
    await this.refreshRequests();
    return deleted;
  }

  async refreshRequests(): Promise<void> {
    const list = await this.client.listRequests({ limit: 200 });
    this.store.dispatch({ type: 'requests.listed', conversations: list.conversations });
  }

  blockedPeople(): Promise<UserSummary[]> {
    return this.client.blocks();
  }

  async unblock(userId: string): Promise<void> {
    await this.client.unblock(userId);
  }

  report(body: CreateReportBody): Promise<ReportReceipt> {
    return this.client.report(body);
  }

  /** The Undo after a report: allowed by the server until the receipt's `withdrawableUntil`. */
  withdrawReport(reportId: string): Promise<void> {
    return this.client.withdrawReport(reportId);
  }

  private dropLocally(id: string): void {
    this.store.dispatch({ type: 'event', event: { type: 'conversation.left', pos: 'local', data: { conversationId: id } }, now: Date.now() });
  }

  // --- The moderation queue (operators). Reports are read on demand, not kept in the store: only
  // the queue screens show them, and they must be fresh each time. ---

  moderationReports(state: ReportState = 'open'): Promise<Report[]> {
    return this.client.moderationReports({ state, limit: 100 });
  }

  moderationReport(id: string): Promise<Report> {
    return this.client.moderationReport(id);
  }

  dismissReport(id: string, note?: string): Promise<Report> {
    return this.client.dismissReport(id, note ? { note } : {});
  }

  removeMessage(messageId: string, reportId: string, note?: string): Promise<void> {
    return this.client.removeMessage(messageId, note ? { reportId, note } : { reportId });
  }

  suspendUser(userId: string, reportId: string, note?: string): Promise<void> {
    return this.client.suspendUser(userId, note ? { reportId, note } : { reportId });
  }

  moderationAudit(): Promise<AuditEntry[]> {
    return this.client.moderationAudit({ limit: 50 });
  }
}
