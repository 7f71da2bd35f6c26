/**
 * ejabberd's implementation of the bench client interface. A send is acknowledged by XEP-0198:
 * each `<message/>` is followed by `<r/>`, and the server's `<a h="N"/>` says it has handled the
 * first N stanzas of this stream. ejabberd handles a client's stanzas in order in one process, and
 * mod_mam archives the sender's copy (SQL insert, waited for) while handling the message, so `<a/>`
 * comes after the sender's archive write — the closest XMPP equivalent of our durable ack.
 */
import type { BenchClient, BenchConversation, BenchUser, ClientFactory, ClientHandlers, ConnectOptions } from '../../drivers/types.js';
import { attr, childText, elementName, login, NS_SM, xmlEscape, type XmppSocket } from './xmpp.js';

export const XMPP_DOMAIN = 'localhost';

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

  constructor(
    private readonly x: XmppSocket,
    private readonly handlers: ClientHandlers,
  ) {
    x.onStanza = (el) => this.onElement(el);
    x.onClose = (reason) => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`connection closed: ${reason}`));
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
    if (attr(el, 'type') === 'error') {
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
    const client = new EjabberdClient(x, handlers);
    return {
      send: (conv, cmid, text) => client.send(conv, cmid, text, user.index),
      cursor: () => null,
      close: () => client.close(),
    };
  }
}
