/** The inbox's part of the controller: the folder lists, one conversation by id, row settings. */
import type { Conversation, DurableEvent, SettingsBody } from '@backchannel/protocol';
import type { ControllerDeps } from '../../core/client.js';
import type { PeopleResolver } from '../profile/people.js';
import { peopleIn } from '../profile/people.js';

const LIST_PAGE = 100;
const MAX_LIST_PAGES = 20;

export class InboxController {
  constructor(
    private readonly deps: ControllerDeps,
    private readonly people: PeopleResolver,
  ) {}

  /** Loads every folder, following `next` pages (bounded, so a huge account cannot stall start-up). */
  async loadLists(): Promise<void> {
    const { client, store } = this.deps;
    await Promise.all(
      (['inbox', 'requests', 'archived'] as const).map(async (list) => {
        let before: string | undefined;
        for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
          const page = await client.listConversations({ folder: list, limit: LIST_PAGE, ...(before ? { before } : {}) });
          store.dispatch({ type: 'conversations.loaded', list, conversations: page.conversations });
          this.people.want(peopleIn(page.conversations.map((c) => c.lastMessage)));
          if (!page.next) break;
          before = page.next;
        }
      }),
    );
  }

  /** After the store took the event: a message in a conversation we do not hold fetches it. */
  onEvent(event: DurableEvent): void {
    if (event.type === 'message.created') this.ensureConversation(event.data.message.conversationId);
  }

  private ensureConversation(id: string): void {
    if (this.deps.store.getState().inbox.conversations[id]) return;
    this.deps.client.getConversation(id).then(
      (conversation) => this.deps.store.dispatch({ type: 'conversation.loaded', conversation }),
      () => undefined, // gone or not visible: the next list load settles it
    );
  }

  async updateSettings(conversationId: string, body: SettingsBody): Promise<void> {
    this.adopt(await this.deps.client.updateSettings(conversationId, body));
  }

  /** A conversation the server just answered with: into the store, and back to the caller. */
  adopt(conversation: Conversation): Conversation {
    this.deps.store.dispatch({ type: 'conversation.loaded', conversation });
    return conversation;
  }
}
