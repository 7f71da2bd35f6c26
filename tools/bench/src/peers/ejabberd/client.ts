/**
 * ejabberd's implementation of the bench client interface. A send is acknowledged by XEP-0198:
 * each `<message/>` is followed by `<r/>`, and the server's `<a h="N"/>` says it has handled the
 * first N stanzas of this stream. ejabberd handles a client's stanzas in order in one process, and
 * mod_mam archives the sender's copy (SQL insert, waited for) while handling the message, so `<a/>`
 * comes after the sender's archive write — the closest XMPP equivalent of our durable ack.
 *
 * Rooms are MUC (XEP-0045): joining is a presence to `room/nick` answered by our own presence
 * (status 110); a `groupchat` message is acknowledged by its reflection to the sender (§7.4: the
 * room sends the message to every occupant, the sender included, after mod_mam archived it).
 */
import type { BenchClient, BenchConversation, BenchRoom, BenchUser, ClientFactory, ClientHandlers, ConnectOptions } from '../../drivers/types.js';
import { attr, childText, elementName, login, NS_SM, xmlEscape, type XmppSocket } from './xmpp.js';

export const XMPP_DOMAIN = 'localhost';
const NS_MUC = 'http://jabber.org/protocol/muc';

export function jidOf(name: string): string {
  return `${name}@${XMPP_DOMAIN}`;
}

interface Pending {
  n: number;
  cmid: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

class EjabberdClient implements BenchClient {
  private outCount = 0; // stanzas we sent since <enable/>
  private inCount = 0; // stanzas we received since <enabled/>
  private readonly pending: Pending[] = [];
  /** Room messages we sent, by id, until their reflection comes back. */
  private readonly roomPending = new Map<string, Omit<Pending, 'n' | 'cmid'>>();

  constructor(
    private readonly x: XmppSocket,
    private readonly handlers: ClientHandlers,
    private readonly nick: string,
    private readonly timeoutMs: number,
  ) {
    x.onStanza = (el) => this.onElement(el);
    x.onClose = (reason) => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`connection closed: ${reason}`));
      for (const p of this.roomPending.values()) p.reject(new Error(`connection closed: ${reason}`));
      this.roomPending.clear();
      handlers.onClose(reason);
    };
    // Initial presence makes the session available, so messages to the bare JID reach it
    // instead of going to offline storage (RFC 6121 §8.5.2).
    this.sendStanza('<presence/>');
  }

  private sendStanza(xml: string): number {
    this.x.send(xml);
    return ++this.outCount;
  }

  private onElement(el: string): void {
    const name = elementName(el);
    if (name === 'r') {
      this.x.send(`<a xmlns="${NS_SM}" h="${this.inCount}"/>`);
      return;
    }
    if (name === 'a') {
      const h = Number(attr(el, 'h'));
      while (this.pending.length > 0 && (this.pending[0]?.n ?? Infinity) <= h) this.pending.shift()?.resolve();
      return;
    }
    if (name !== 'message' && name !== 'presence' && name !== 'iq') return;
    this.inCount++;
    if (name !== 'message') return;
    const id = attr(el, 'id') ?? '';
    const type = attr(el, 'type');
    if (type === 'groupchat') return this.onGroupchat(el, id);
    if (type === 'error') {
      const room = this.roomPending.get(id);
      if (room) {
        this.roomPending.delete(id);
        room.reject(new Error(`bounced: ${el.slice(0, 200)}`));
        return;
      }
      const i = this.pending.findIndex((p) => p.cmid === id);
      if (i >= 0) this.pending.splice(i, 1)[0]?.reject(new Error(`bounced: ${el.slice(0, 200)}`));
      else this.handlers.onError(`bounced message ${id}`);
      return;
    }
    const body = childText(el, 'body');
    if (body === undefined) return; // chat states, receipts: not messages
    const from = (attr(el, 'from') ?? '').split('/')[0] ?? '';
    this.handlers.onMessage({ conversationId: from, clientMessageId: id, text: body, seq: null });
  }

  private onGroupchat(el: string, id: string): void {
    const body = childText(el, 'body');
    if (body === undefined) return; // subject changes, chat states
    const from = attr(el, 'from') ?? '';
    const slash = from.indexOf('/');
    const room = slash < 0 ? from : from.slice(0, slash);
    const mine = this.roomPending.get(id);
    if (mine && from.slice(slash + 1) === this.nick) {
      this.roomPending.delete(id);
      mine.resolve();
    }
    this.handlers.onRoomMessage?.({ conversationId: room, clientMessageId: id, text: body, seq: null });
  }

  /** Enters the room as `nick` with no history, and waits for our own presence back (XEP-0045 §7.2). */
  async joinRoom(room: BenchRoom): Promise<void> {
    const me = `${room.id}/${this.nick}`;
    const answer = this.x.next((el) => elementName(el) === 'presence' && attr(el, 'from') === me, this.timeoutMs, `MUC presence from ${me}`);
    this.sendStanza(`<presence to="${xmlEscape(me)}"><x xmlns="${NS_MUC}"><history maxstanzas="0"/></x></presence>`);
    const el = await answer;
    this.inCount++; // taken by the waiter, not by onElement: still a stanza for stream management
    if (attr(el, 'type') === 'error') throw new Error(`MUC join refused: ${el.slice(0, 300)}`);
  }

  sendRoom(room: BenchRoom, clientMessageId: string, text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.roomPending.set(clientMessageId, { resolve, reject });
      this.sendStanza(`<message type="groupchat" to="${xmlEscape(room.id)}" id="${xmlEscape(clientMessageId)}"><body>${xmlEscape(text)}</body></message>`);
    });
  }

  send(conversation: BenchConversation, clientMessageId: string, text: string, senderIndex?: number): Promise<void> {
    const to = conversation.addressFor?.[senderIndex ?? -1];
    if (!to) return Promise.reject(new Error('ejabberd driver supports 1:1 conversations only'));
    return new Promise((resolve, reject) => {
      const n = this.sendStanza(`<message type="chat" to="${xmlEscape(to)}" id="${xmlEscape(clientMessageId)}"><body>${xmlEscape(text)}</body></message>`);
      this.pending.push({ n, cmid: clientMessageId, resolve, reject });
      this.x.send(`<r xmlns="${NS_SM}"/>`);
    });
  }

  cursor(): string | null {
    return null;
  }

  close(): void {
    this.x.close();
  }
}

export class EjabberdClientFactory implements ClientFactory {
  constructor(private readonly wsUrl: string) {}

  async connect(user: BenchUser, handlers: ClientHandlers, opts: ConnectOptions): Promise<BenchClient> {
    const x = await login(this.wsUrl, XMPP_DOMAIN, user.name, user.secret, opts.timeoutMs);
    const client = new EjabberdClient(x, handlers, user.name, opts.timeoutMs);
    return {
      send: (conv, cmid, text) => client.send(conv, cmid, text, user.index),
      joinRoom: (room) => client.joinRoom(room),
      sendRoom: (room, cmid, text) => client.sendRoom(room, cmid, text),
      cursor: () => null,
      close: () => client.close(),
    };
  }
}
