/** The profile's part of the controller: my profile and privacy, the people I blocked. */
import type { Me, UpdateMeBody, UserSummary } from '@backchannel/protocol';
import type { ControllerDeps } from '../../core/client.js';

export class ProfileController {
  constructor(private readonly deps: ControllerDeps) {}

  async updateMe(body: UpdateMeBody): Promise<Me> {
    const me = await this.deps.client.updateMe(body);
    this.deps.store.dispatch({ type: 'me.updated', me });
    return me;
  }

  blockedPeople(): Promise<UserSummary[]> {
    return this.deps.client.blocks();
  }

  async unblock(userId: string): Promise<void> {
    await this.deps.client.unblock(userId);
  }
}
