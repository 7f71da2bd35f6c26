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

  /** "Download my data": fetches the zip and hands it to the browser as a download. */
  async downloadMyData(username: string): Promise<void> {
    const blob = await this.deps.client.exportMyData();
    const url = URL.createObjectURL(blob);
    try {
      const a = document.createElement('a');
      a.href = url;
      a.download = `backchannel-${username}-${new Date().toISOString().slice(0, 10)}.zip`;
      document.body.append(a);
      a.click();
      a.remove();
    } finally {
      // The click has started the download; the URL may go once the event loop turns.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
  }
}
