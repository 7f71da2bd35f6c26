/**
 * Creates ejabberd users by in-band registration (XEP-0077; `ejabberdctl register` costs ~1 s per
 * user) and pairs them into 1:1 conversations. XMPP has no server-side 1:1 conversation object:
 * a "conversation" here is just the two JIDs, which is what a 1:1 chat is in XMPP.
 */
import type { BenchConversation, BenchUser, Provisioner, SetupPlan, SetupResult } from '../../drivers/types.js';
import { forEachBounded, runTag } from '../../util.js';
import { jidOf, XMPP_DOMAIN } from './client.js';
import { register } from './xmpp.js';

export class EjabberdProvisioner implements Provisioner {
  constructor(private readonly wsUrl: string) {}

  async setup(plan: SetupPlan, onProgress?: (done: number, total: number) => void): Promise<SetupResult> {
    const started = Date.now();
    const tag = runTag();
    const users: BenchUser[] = Array.from({ length: plan.users }, (_, i) => {
      const name = `b${tag}u${i}`;
      return { index: i, id: jidOf(name), name, secret: `pw-${tag}-${i}` };
    });
    await forEachBounded(
      users.length,
      plan.concurrency,
      started + plan.deadlineMs,
      async (i) => {
        const u = users[i];
        if (u) await register(this.wsUrl, XMPP_DOMAIN, u.name, u.secret, 30_000);
      },
      (done) => onProgress?.(done, users.length),
    );
    const conversations: BenchConversation[] = plan.conversations.map((members, index) => {
      if (members.length !== 2) throw new Error('the ejabberd peer runs 1:1 conversations only (use --group-share 0)');
      const [a, b] = members as [number, number];
      const ua = users[a];
      const ub = users[b];
      if (!ua || !ub) throw new Error(`conversation ${index} names an unknown user`);
      return { index, id: `${ua.id}|${ub.id}`, members, addressFor: { [a]: ub.id, [b]: ua.id } };
    });
    return { users, conversations, setupMs: Date.now() - started };
  }
}
