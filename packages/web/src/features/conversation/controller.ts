/** The conversation's part of the controller: history pages, sends through the socket, read and typing. */
import type { Conversation, Message } from '@backchannel/protocol';
import type { OutboxEntry } from '@backchannel/sdk';
import type { ControllerDeps } from '../../core/client.js';
import { describeError } from '../../core/describe.js';
import type { Action } from '../../app/state.js';
import type { InboxController } from '../inbox/controller.js';
import { peopleIn, type PeopleResolver } from '../profile/people.js';
import { firstMessage } from './messageIndex.js';
import { rememberEmoji } from './recentEmoji.js';
import type { Composing } from './state.js';

const HISTORY_PAGE = 50;

/** Maps an SDK outbox snapshot to the store's action for it. */
export function outboxAction(entry: OutboxEntry, now: string): Action {
  if (entry.status === 'sent' && entry.message) return { type: 'outbox.sent', clientMessageId: entry.clientMessageId, message: entry.message };
  if (entry.status === 'failed') return { type: 'outbox.failed', clientMessageId: entry.clientMessageId, error: describeError(entry.error), ...(entry.error ? { code: entry.error.code } : {}) };
  return { type: 'outbox.pending', entry: { clientMessageId: entry.clientMessageId, conversationId: entry.conversationId, text: entry.text, state: 'pending', createdAt: now } };
}

export class ConversationController {
  constructor(
    private readonly deps: ControllerDeps,
    private readonly inbox: InboxController,
    private readonly people: PeopleResolver,
  ) {}

  /** Loads the conversation (if unknown) and its latest page of messages (if not loaded yet). */
  async openConversation(id: string): Promise<Conversation> {
    const state = this.deps.store.getState();
    let conversation = state.inbox.conversations[id];
    if (!conversation) conversation = this.inbox.adopt(await this.deps.client.getConversation(id));
    if (!state.conversation.messages[id]) await this.loadLatest(id);
    return conversation;
  }

  async loadLatest(id: string): Promise<void> {
    const page = await this.deps.client.history(id, { limit: HISTORY_PAGE });
    this.deps.store.dispatch({ type: 'history.loaded', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: false });
    this.people.want(peopleIn(page.messages));
  }

  /** After a resync: the latest page of every conversation we hold, again. */
  async reloadOpened(): Promise<void> {
    await Promise.all(Object.keys(this.deps.store.getState().conversation.messages).map((id) => this.loadLatest(id)));
  }

  /** Pages back from the oldest loaded message; false when there is nothing older. */
  async loadOlder(id: string): Promise<boolean> {
    const index = this.deps.store.getState().conversation.messages[id];
    const oldest = firstMessage(index);
    if (!index || !index.hasMore || !oldest) return false;
    const page = await this.deps.client.history(id, { before: oldest.seq, limit: HISTORY_PAGE });
    this.deps.store.dispatch({ type: 'history.loaded', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: true });
    this.people.want(peopleIn(page.messages));
    return page.hasMore;
  }

  send(conversationId: string, text: string, replyToId?: string): void {
    if (replyToId === undefined) this.deps.socket()?.send(conversationId, text);
    else this.deps.socket()?.send(conversationId, text, { replyToId });
  }

  /** The composer's banner: reply to or edit `message` (null: back to a plain message). */
  compose(conversationId: string, composing: Composing | null): void {
    this.deps.store.dispatch({ type: 'compose.set', conversationId, composing });
  }

  async edit(m: Message, text: string): Promise<void> {
    this.local(await this.deps.client.editMessage(m.conversationId, m.id, text));
  }

  async unsend(m: Message): Promise<void> {
    this.local(await this.deps.client.unsendMessage(m.conversationId, m.id));
  }

  async react(m: Message, emoji: string, reacted: boolean): Promise<void> {
    if (reacted) rememberEmoji(emoji);
    const reactions = await this.deps.client.react(m.conversationId, m.id, emoji, reacted);
    const held = this.deps.store.getState().conversation.messages[m.conversationId]?.byId[m.id];
    if (held) this.local({ ...held, reactions });
  }

  /** Delete for me; the `message.hidden` event takes it off every device of mine, this one first. */
  async hide(m: Message): Promise<void> {
    await this.deps.client.hideMessage(m.conversationId, m.id);
    this.deps.store.dispatch({ type: 'event', event: { type: 'message.hidden', pos: 'local', data: { conversationId: m.conversationId, messageId: m.id, seq: m.seq } }, now: Date.now() });
  }

  /** Keep for reporting; answers until when the copy is kept. */
  async keep(m: Message): Promise<string> {
    return (await this.deps.client.keepMessage(m.conversationId, m.id)).keptUntil;
  }

  private local(message: Message): void {
    this.deps.store.dispatch({ type: 'message.local', message });
  }

  retry(clientMessageId: string): void {
    this.deps.socket()?.retry(clientMessageId);
  }

  discard(clientMessageId: string): void {
    this.deps.socket()?.discard(clientMessageId);
    this.deps.store.dispatch({ type: 'outbox.discarded', clientMessageId });
  }

  markRead(conversationId: string, seq: number): void {
    const c = this.deps.store.getState().inbox.conversations[conversationId];
    if (!c || seq <= c.readSeq) return;
    this.deps.store.dispatch({ type: 'read.local', conversationId, seq });
    this.deps.socket()?.markRead(conversationId, seq);
  }

  /** Removes my message's link previews for everyone; applied at once, the socket's `message.updated` confirms it. */
  async removePreviews(conversationId: string, messageId: string): Promise<void> {
    const message = await this.deps.client.removePreviews(conversationId, messageId);
    this.deps.store.dispatch({ type: 'event', event: { type: 'message.updated', pos: 'local', data: { conversationId, messageId, seq: message.seq, fields: { previews: [] } } }, now: Date.now() });
  }

  typing(conversationId: string): void {
    this.deps.socket()?.typing(conversationId);
  }

  /** `roomId`: from that room's attendee list (a request then carries the room). */
  async openDirect(userId: string, opts: { roomId?: string } = {}): Promise<Conversation> {
    return this.inbox.adopt(await (opts.roomId !== undefined ? this.deps.client.openDirect(userId, opts) : this.deps.client.openDirect(userId)));
  }

  /**
   * The first message to someone I have no chat with: the 1:1 is created now, not when I pressed
   * Message (an empty chat would sit in the inbox). openDirect returns the existing one if any.
   */
  async startDirect(userId: string, text: string, opts: { roomId?: string } = {}): Promise<Conversation> {
    const c = await this.openDirect(userId, opts);
    // Hold its history before sending: an ack that arrives while no list is held is not kept, and
    // a history page read before the send commits would then show the chat empty.
    await this.openConversation(c.id);
    this.send(c.id, text);
    return c;
  }
}
