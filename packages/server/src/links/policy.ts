/**
 * What the link fetcher may fetch, before any connection: the scheme, the port, the domain lists,
 * then every address the name resolves to (links/address.ts). Each redirect hop and every image
 * URL goes through `vetUrl` again. The result names the one checked address the connection is
 * pinned to, so a second DNS answer (rebinding) never reaches the socket.
 */
import dns from 'node:dns';
import { checkAddress, ipLiteralOf, type AddressExemptions } from './address.js';

/** Resolves a hostname to every address it has. Tests inject one; production uses the system resolver. */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface FetchPolicy {
  /** Ports a URL may name (default 80 and 443). */
  ports: readonly number[];
  /** Address ranges exempted from the address checks (empty in production; tests allow their fixture server). */
  exempt: AddressExemptions;
  /** Domains (and their subdomains) never fetched. */
  denyDomains: readonly string[];
  /** When not empty, only these domains (and their subdomains) are fetched. */
  allowDomains: readonly string[];
  maxRedirects: number;
  /** Total deadline of one fetch, redirects and body included. */
  timeoutMs: number;
  userAgent: string;
  resolver: Resolver;
}

export type RefusalCode = 'bad_url' | 'scheme' | 'port' | 'domain' | 'dns' | 'address' | 'redirects' | 'status' | 'content_type' | 'too_large' | 'timeout' | 'network';

/** Why a fetch did not happen or was cut off. A refused preview looks like "no preview". */
export class FetchRefused extends Error {
  override readonly name = 'FetchRefused';
  constructor(readonly code: RefusalCode, message: string) {
    super(message);
  }
}

export interface VettedTarget {
  url: URL;
  /** The checked address the connection goes to. */
  address: string;
  family: 4 | 6;
  port: number;
}

const bareHost = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '');

/** `host` is `domain` or one of its subdomains. */
export function inDomain(host: string, domain: string): boolean {
  const d = bareHost(domain.trim());
  return d !== '' && (host === d || host.endsWith(`.${d}`));
}

export async function vetUrl(policy: FetchPolicy, raw: string | URL): Promise<VettedTarget> {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new FetchRefused('bad_url', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused('scheme', `scheme ${url.protocol} is not fetched`);
  if (url.username !== '' || url.password !== '') throw new FetchRefused('bad_url', 'URLs with credentials are not fetched');
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (!policy.ports.includes(port)) throw new FetchRefused('port', `port ${port} is not fetched`);
  const host = bareHost(url.hostname);
  if (host === '') throw new FetchRefused('bad_url', 'no host');
  if (policy.denyDomains.some((d) => inDomain(host, d))) throw new FetchRefused('domain', `${host} is on the deny-list`);
  if (policy.allowDomains.length > 0 && !policy.allowDomains.some((d) => inDomain(host, d))) throw new FetchRefused('domain', `${host} is not on the allow-list`);
  const literal = ipLiteralOf(url.hostname);
  let addresses: string[];
  if (literal !== null) {
    addresses = [literal];
  } else {
    try {
      addresses = (await policy.resolver(host)).map((a) => a.address);
    } catch {
      throw new FetchRefused('dns', `${host} does not resolve`);
    }
    if (addresses.length === 0) throw new FetchRefused('dns', `${host} does not resolve`);
  }
  // Every address must pass: a name with one public and one private address is refused.
  const verdicts = addresses.map((a) => checkAddress(a, policy.exempt));
  const bad = verdicts.find((v) => !v.ok);
  if (bad && !bad.ok) throw new FetchRefused('address', `${host} resolves to a refused address (${bad.reason})`);
  const first = verdicts[0] as Extract<(typeof verdicts)[number], { ok: true }>;
  return { url, address: first.address, family: first.family, port };
}
