/**
 * A minimal XMPP-over-WebSocket client (RFC 7395): one complete XML element per WebSocket message,
 * `<open/>`/`<close/>` framing, SASL PLAIN (RFC 4616, loopback only), in-band registration
 * (XEP-0077), resource binding (RFC 6120 §7) and stream management (XEP-0198) for acks.
 *
 * It parses only what the benchmark needs with regular expressions over single elements; that is
 * safe because we control every payload we send (no markup in bodies) and ejabberd emits one
 * top-level element per frame.
 */
import WebSocket from 'ws';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_SM = 'urn:xmpp:sm:3';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlUnescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

// Compiled once per name: a room listener reads a few attributes of thousands of stanzas a second.
const attrRes = new Map<string, RegExp>();
const childRes = new Map<string, RegExp>();

export function attr(el: string, name: string): string | undefined {
  // Attributes of the top-level element only: stop at the end of its start tag.
  const head = el.slice(0, el.indexOf('>') + 1);
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`\\s${name}=(['"])(.*?)\\1`)));
  const m = re.exec(head);
  return m?.[2] === undefined ? undefined : xmlUnescape(m[2]);
}

export function elementName(el: string): string {
  return /^<([\w:-]+)/.exec(el.trimStart())?.[1] ?? '';
}

export function childText(el: string, name: string): string | undefined {
  let re = childRes.get(name);
  if (!re) childRes.set(name, (re = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`)));
  const m = re.exec(el);
  return m?.[1] === undefined ? undefined : xmlUnescape(m[1]);
}

/**
 * One XMPP stream over one WebSocket. `next()` waits for the next element matching a predicate,
 * with a deadline, so negotiation steps read like a script and never hang.
 */
export class XmppSocket {
  private readonly ws: WebSocket;
  private readonly waiters: { match: (el: string) => boolean; resolve: (el: string) => void }[] = [];
  /** Elements nobody was waiting for during negotiation; after it, `onStanza` takes them. */
  onStanza: ((el: string) => void) | null = null;
  onClose: ((reason: string) => void) | null = null;
  private closedByUs = false;
  private closed = false;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => this.dispatch(String(data)));
    ws.on('close', (code, reason) => {
      this.closed = true;
      if (!this.closedByUs) this.onClose?.(`closed ${code} ${String(reason)}`);
    });
    ws.on('error', () => undefined); // 'close' follows and reports
  }

  static open(url: string, timeoutMs: number): Promise<XmppSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'xmpp', { handshakeTimeout: timeoutMs, perMessageDeflate: false });
      ws.once('open', () => resolve(new XmppSocket(ws)));
      ws.once('error', reject);
    });
  }

  private dispatch(el: string): void {
    const i = this.waiters.findIndex((w) => w.match(el));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      w?.resolve(el);
      return;
    }
    this.onStanza?.(el);
  }

  send(xml: string): void {
    if (!this.closed) this.ws.send(xml);
  }

  next(match: (el: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (el: string) => {
          clearTimeout(timer);
          resolve(el);
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`xmpp: timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Sends `<open/>` and waits for the server's `<open/>` and then its features. */
  async openStream(domain: string, timeoutMs: number): Promise<string> {
    const features = this.next((el) => elementName(el) === 'stream:features' || el.includes('<features'), timeoutMs, 'stream features');
    this.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`);
    return features;
  }

  close(): void {
    this.closedByUs = true;
    if (!this.closed) {
      this.send(`<close xmlns="${FRAMING}"/>`);
      this.ws.close();
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }
}

/** XEP-0077 in-band registration on a fresh stream. An existing account counts as success. */
export async function register(url: string, domain: string, user: string, password: string, timeoutMs: number): Promise<void> {
  const x = await XmppSocket.open(url, timeoutMs);
  try {
    await x.openStream(domain, timeoutMs);
    const answer = x.next((el) => attr(el, 'id') === 'reg1', timeoutMs, 'registration result');
    x.send(
      `<iq type="set" id="reg1"><query xmlns="jabber:iq:register"><username>${xmlEscape(user)}</username><password>${xmlEscape(password)}</password></query></iq>`,
    );
    const el = await answer;
    if (attr(el, 'type') !== 'result' && !el.includes('conflict')) throw new Error(`xmpp: registration of ${user} failed: ${el.slice(0, 300)}`);
  } finally {
    x.close();
  }
}

/**
 * Logs in (SASL PLAIN), binds a resource, enables stream management and sends initial presence,
 * so that messages to the bare JID are delivered to this session. Returns the stream ready for
 * stanzas; the caller sets `onStanza`.
 */
export async function login(url: string, domain: string, user: string, password: string, timeoutMs: number): Promise<XmppSocket> {
  const x = await XmppSocket.open(url, timeoutMs);
  try {
    await x.openStream(domain, timeoutMs);
    const authAnswer = x.next((el) => /^<(success|failure)\b/.test(el), timeoutMs, 'SASL answer');
    x.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0${user}\0${password}`).toString('base64')}</auth>`);
    const auth = await authAnswer;
    if (!auth.startsWith('<success')) throw new Error(`xmpp: login of ${user} failed: ${auth.slice(0, 200)}`);
    await x.openStream(domain, timeoutMs); // RFC 6120 §6.4.6: restart the stream after SASL
    const bound = x.next((el) => attr(el, 'id') === 'bind1', timeoutMs, 'bind result');
    x.send(`<iq type="set" id="bind1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>bench</resource></bind></iq>`);
    const bind = await bound;
    if (attr(bind, 'type') !== 'result') throw new Error(`xmpp: bind failed: ${bind.slice(0, 200)}`);
    const enabled = x.next((el) => /^<(enabled|failed)\b/.test(el), timeoutMs, 'stream management');
    x.send(`<enable xmlns="${NS_SM}"/>`);
    if (!(await enabled).startsWith('<enabled')) throw new Error('xmpp: stream management refused');
    return x;
  } catch (err) {
    x.close();
    throw err;
  }
}

export { NS_SM };
