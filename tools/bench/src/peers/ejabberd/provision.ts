/**
 * Creates ejabberd users by in-band registration (XEP-0077; `ejabberdctl register` costs ~1 s per
 * user) and pairs them into 1:1 conversations. XMPP has no server-side 1:1 conversation object:
 * a "conversation" here is just the two JIDs, which is what a 1:1 chat is in XMPP.
 */
import type { BenchConversation, BenchRoom, BenchUser, Provisioner, SetupPlan, SetupResult } from '../../drivers/types.js';
import { forEachBounded, runTag } from '../../util.js';
import { jidOf, XMPP_DOMAIN } from './client.js';
import { MUC_SERVICE } from './config.js';
import { attr, elementName, login, register, xmlEscape } from './xmpp.js';

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

  /**
   * Creates the MUC room as its owner: enter it (ejabberd creates it, locked, status 201), accept
   * the default configuration as an instant room (XEP-0045 §10.1.2; the defaults come from
   * `default_room_options` in config.ts, persistent), and step out. Listeners and senders join later.
   */
  async createRoom(host: BenchUser, title: string): Promise<BenchRoom> {
    const id = `${title.replace(/[^a-z0-9]/gi, '').toLowerCase()}${runTag()}@${MUC_SERVICE}`;
    const x = await login(this.wsUrl, XMPP_DOMAIN, host.name, host.secret, 30_000);
    try {
      const me = `${id}/${host.name}`;
      const entered = x.next((el) => elementName(el) === 'presence' && attr(el, 'from') === me, 30_000, 'MUC room creation');
      x.send(`<presence to="${xmlEscape(me)}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
      const p = await entered;
      if (attr(p, 'type') === 'error') throw new Error(`MUC room creation refused: ${p.slice(0, 300)}`);
      if (p.includes('code="201"')) {
        const configured = x.next((el) => attr(el, 'id') === 'cfg1', 30_000, 'MUC instant room');
        x.send(`<iq type="set" id="cfg1" to="${xmlEscape(id)}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`);
        const iq = await configured;
        if (attr(iq, 'type') !== 'result') throw new Error(`MUC room configuration refused: ${iq.slice(0, 300)}`);
      }
      const left = x.next((el) => elementName(el) === 'presence' && attr(el, 'from') === me && attr(el, 'type') === 'unavailable', 30_000, 'MUC leave');
      x.send(`<presence to="${xmlEscape(me)}" type="unavailable"/>`);
      await left;
    } finally {
      x.close();
    }
    return { id };
  }
}
