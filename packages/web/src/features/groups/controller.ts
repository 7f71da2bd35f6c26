/** The groups' part of the controller: create, rename, members, leave. */
import type { Conversation, MemberPage } from '@backchannel/protocol';
import { leftLocally, type ControllerDeps } from '../../core/client.js';
import type { InboxController } from '../inbox/controller.js';

export class GroupsController {
  constructor(
    private readonly deps: ControllerDeps,
    private readonly inbox: InboxController,
  ) {}

  async createGroup(memberIds: string[], title?: string): Promise<Conversation> {
    return this.inbox.adopt(await this.deps.client.createGroup(title ? { memberIds, title } : { memberIds }));
  }

  async renameGroup(id: string, title: string): Promise<Conversation> {
    return this.inbox.adopt(await this.deps.client.renameGroup(id, title));
  }

  async addMembers(id: string, userIds: string[]): Promise<Conversation> {
    return this.inbox.adopt(await this.deps.client.addMembers(id, userIds));
  }

  /** A page of the people a group lists (a conversation carries only the first few, `Conversation.members`). */
  listMembers(id: string, after?: string): Promise<MemberPage> {
    return this.deps.client.listMembers(id, after === undefined ? { limit: 100 } : { limit: 100, after });
  }

  async removeMember(id: string, userId: string): Promise<Conversation> {
    return this.inbox.adopt(await this.deps.client.removeMember(id, userId));
  }

  /** Also the "Leave group" of a group with someone I blocked (ConversationScreen). */
  async leave(id: string): Promise<void> {
    await this.deps.client.leaveConversation(id);
    leftLocally(this.deps, id);
  }
}
