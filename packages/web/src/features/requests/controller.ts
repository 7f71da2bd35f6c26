/**
 * The requests' part of the controller (docs/subsystems/message-requests.md). The server tells the
 * recipient's other devices with `conversation.left` / `conversation.joined`; this device updates
 * at once.
 */
import type { Conversation, DurableEvent, ReportReason } from '@backchannel/protocol';
import { leftLocally, type ControllerDeps } from '../../core/client.js';
import type { ConversationController } from '../conversation/controller.js';
import type { InboxController } from '../inbox/controller.js';

export class RequestsController {
  constructor(
    private readonly deps: ControllerDeps,
    private readonly inbox: InboxController,
    private readonly conversation: ConversationController,
  ) {}

  /** After the store took the event: my request was accepted, so what it refused may go now. */
  onEvent(event: DurableEvent): void {
    if (event.type === 'request.accepted') this.retryRefusedWhilePending(event.data.conversationId);
  }

  /** Retried without waiting for a tap on Retry (same clientMessageId, so idempotent). */
  private retryRefusedWhilePending(conversationId: string): void {
    for (const p of Object.values(this.deps.store.getState().conversation.outbox)) {
      if (p.conversationId === conversationId && p.state === 'failed' && p.code === 'request_pending') this.conversation.retry(p.clientMessageId);
    }
  }

  async acceptRequest(id: string): Promise<Conversation> {
    return this.inbox.adopt(await this.deps.client.acceptRequest(id));
  }

  async deleteRequest(id: string): Promise<void> {
    await this.deps.client.deleteRequest(id);
    leftLocally(this.deps, id);
  }

  async blockRequest(id: string): Promise<void> {
    await this.deps.client.blockRequest(id);
    leftLocally(this.deps, id);
  }

  /** Report and block in one step. */
  async reportRequest(id: string, reason: ReportReason, note?: string): Promise<void> {
    await this.deps.client.reportRequest(id, note ? { reason, note } : { reason });
    leftLocally(this.deps, id);
  }

  /** Returns how many went; then re-lists, since the answer does not say which. */
  async deleteAllRequests(accountYoungerThanDays?: number): Promise<number> {
    const deleted = await this.deps.client.deleteAllRequests(accountYoungerThanDays ? { accountYoungerThanDays } : {});
    await this.refreshRequests();
    return deleted;
  }

  async refreshRequests(): Promise<void> {
    const list = await this.deps.client.listRequests({ limit: 200 });
    this.deps.store.dispatch({ type: 'requests.listed', conversations: list.conversations });
  }
}
