/**
 * The SSRF corpus (docs/subsystems/links.md, "Fetching safely"): every spelling of a refused
 * address, names that resolve to refused addresses, redirects to them, other schemes and ports,
 * and hostile servers (endless, huge, slow, gzip bombs, wrong types). Every connect() of the
 * process is recorded: refused probes must make none, and the rest only reach the fixture server.
 * Names resolve through a table, never real DNS.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExemptions } from './address.js';
import { startFixtureServer, tableResolver, watchConnects, type FixtureServer } from './fixtureServer.test-helpers.js';
import { FetchRefused, type FetchPolicy, type RefusalCode } from './policy.js';
import { safeFetch } from './safeFetch.js';

const PAGE = '<!doctype html><title>ok</title>';
let fx: FixtureServer;
let P: number;
const connects = watchConnects();

const names = {
  'public.test': '93.184.216.34',
  'fixture.test': '127.0.0.1',
  'localhost': ['127.0.0.1', '::1'],
  'private.test': '10.0.0.5',
  'metadata.test': '169.254.169.254',
  'cgnat.test': '100.64.1.1',
  'mixed.test': ['93.184.216.34', '10.0.0.1'],
  'mixed6.test': ['2606:4700::1', '::1'],
  'mapped.test': '::ffff:127.0.0.1',
  'nat64.test': '64:ff9b::a00:1',
  'ula.test': 'fd00::1',
  'empty.test': [] as string[],
};

/** No exemption: what production runs with. The fixture port is allowed so that only the address rule decides. */
const strict = (): FetchPolicy => ({ ports: [80, 443, P], exempt: [], denyDomains: ['denied.test'], allowDomains: [], maxRedirects: 3, timeoutMs: 1500, userAgent: 'test', resolver: tableResolver(names) });
/** The fixture server's loopback address exempted, as the tests' config does. */
const exempt = (o: Partial<FetchPolicy> = {}): FetchPolicy => ({ ...strict(), exempt: parseExemptions(['127.0.0.1/32']), ...o });

async function refusal(policy: FetchPolicy, url: string, maxBytes = 100_000): Promise<RefusalCode> {
  try {
    await safeFetch(policy, { url, maxBytes, accept: 'text/html', acceptType: (t) => t === 'text/html' });
  } catch (err) {
    if (err instanceof FetchRefused) return err.code;
    throw err;
  }
  throw new Error(`${url} was fetched`);
}

beforeAll(async () => {
  // Compressed once, before any fetch: the deadline measures the client, not this setup.
  const gzipBomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
  const brotliBomb = zlib.brotliCompressSync(Buffer.alloc(20 * 1024 * 1024), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
  fx = await startFixtureServer({
    '/page': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
    '/json': (_q, r) => void r.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    '/untyped': (_q, r) => void r.writeHead(200).end(PAGE),
    '/svg': (_q, r) => void r.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>'),
    '/huge': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(300_000)),
    '/declared-huge': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-length': '999999999' });
      r.write('<html>');
    },
    '/endless': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      const chunk = 'y'.repeat(16_384);
      // Bounded: at most 1,000 chunks (16 MB), stopped as soon as the client goes away.
      let n = 0;
      const pump = () => {
        while (n++ < 1000 && !r.destroyed) if (!r.write(chunk)) return void r.once('drain', pump);
        r.end();
      };
      pump();
    },
    '/slow': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      let n = 0;
      const t = setInterval(() => (r.destroyed || n++ > 100 ? (clearInterval(t), r.end()) : r.write('<')), 100);
    },
    '/slow-headers': (_q, r) => void setTimeout(() => r.destroyed || r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE), 5000).unref(),
    '/gzip-bomb': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipBomb),
    '/brotli-bomb': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(brotliBomb),
    '/weird-encoding': (_q, r) => void r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'compress' }).end(PAGE),
    '/status-500': (_q, r) => void r.writeHead(500, { 'content-type': 'text/html' }).end(PAGE),
  });
  P = fx.port;
  const redirect = (to: string) => (_q: unknown, r: import('node:http').ServerResponse) => void r.writeHead(302, { location: to }).end();
  fx.route('/to-private', redirect('http://10.0.0.1/'));
  fx.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
  fx.route('/to-loopback6', redirect(`http://[::1]:${P}/page`));
  fx.route('/to-decimal', redirect(`http://2130706433:${P}/page`.replace('2130706433', '3232235777')));
  fx.route('/to-private-name', redirect(`http://private.test:${P}/page`));
  fx.route('/to-file', redirect('file:///etc/passwd'));
  fx.route('/to-gopher', redirect('gopher://127.0.0.1:70/'));
  fx.route('/to-port', redirect('http://public.test:22/'));
  fx.route('/no-location', (_q, r) => void r.writeHead(302).end());
  for (let i = 0; i < 5; i++) fx.route(`/chain${i}`, redirect(`/chain${i + 1}`));
  fx.route('/chain5', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  fx.route('/hop2', redirect('/chain3'));
});
afterAll(async () => {
  connects.stop();
  await fx?.close();
});

describe('refused before any connection, in every spelling', () => {
  const port = () => P;
  const probes: Array<[string, () => string, RefusalCode]> = [
    ['dotted loopback', () => `http://127.0.0.1:${port()}/page`, 'address'],
    ['decimal loopback 2130706433', () => `http://2130706433:${port()}/page`, 'address'],
    ['hex 0x7f.1', () => `http://0x7f.1:${port()}/page`, 'address'],
    ['octal 0177.0.0.1', () => `http://0177.0.0.1:${port()}/page`, 'address'],
    ['short 127.1', () => `http://127.1:${port()}/page`, 'address'],
    ['hex 0x7f000001', () => `http://0x7f000001:${port()}/page`, 'address'],
    ['octal 017700000001', () => `http://017700000001:${port()}/page`, 'address'],
    ['percent-encoded %31%32%37.0.0.1', () => `http://%31%32%37.0.0.1:${port()}/page`, 'address'],
    ['full-width digits', () => `http://１２７.０.０.１:${port()}/page`, 'address'],
    ['trailing dot 127.0.0.1.', () => `http://127.0.0.1.:${port()}/page`, 'address'],
    ['IPv4-mapped [::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${port()}/page`, 'address'],
    ['IPv4-mapped hex [::ffff:7f00:1]', () => `http://[::ffff:7f00:1]:${port()}/page`, 'address'],
    ['IPv4-compatible [::127.0.0.1]', () => `http://[::127.0.0.1]:${port()}/page`, 'address'],
    ['unspecified 0.0.0.0', () => `http://0.0.0.0:${port()}/page`, 'address'],
    ['unspecified 0', () => `http://0:${port()}/page`, 'address'],
    ['unspecified [::]', () => `http://[::]:${port()}/page`, 'address'],
    ['IPv6 loopback [::1]', () => `http://[::1]:${port()}/page`, 'address'],
    ['localhost', () => `http://localhost:${port()}/page`, 'address'],
    ['LOCALHOST. (case, trailing dot)', () => `http://LOCALHOST.:${port()}/page`, 'address'],
    ['private 10/8', () => 'http://10.0.0.1/', 'address'],
    ['private 172.16/12', () => 'http://172.16.0.1/', 'address'],
    ['private 192.168/16', () => 'http://192.168.1.1/', 'address'],
    ['link-local cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', 'address'],
    ['CGNAT 100.64/10', () => 'http://100.64.0.1/', 'address'],
    ['multicast 224.0.0.1', () => 'http://224.0.0.1/', 'address'],
    ['broadcast', () => 'http://255.255.255.255/', 'address'],
    ['reserved 240/4', () => 'http://240.0.0.1/', 'address'],
    ['documentation 192.0.2.1', () => 'http://192.0.2.1/', 'address'],
    ['benchmarking 198.18/15', () => 'http://198.18.0.1/', 'address'],
    ['IPv6 link-local', () => 'http://[fe80::1]/', 'address'],
    ['IPv6 unique local', () => 'http://[fc00::1]/', 'address'],
    ['IPv6 multicast', () => 'http://[ff02::1]/', 'address'],
    ['NAT64 64:ff9b::7f00:1', () => 'http://[64:ff9b::7f00:1]/', 'address'],
    ['6to4 2002:7f00:1::', () => 'http://[2002:7f00:1::]/', 'address'],
    ['Teredo 2001::1', () => 'http://[2001::1]/', 'address'],
    ['IPv6 documentation', () => 'http://[2001:db8::1]/', 'address'],
    ['name → private', () => 'http://private.test/', 'address'],
    ['name → metadata', () => 'http://metadata.test/', 'address'],
    ['name → CGNAT', () => 'http://cgnat.test/', 'address'],
    ['name → public then private', () => 'http://mixed.test/', 'address'],
    ['name → public v6 then ::1', () => 'http://mixed6.test/', 'address'],
    ['name → IPv4-mapped loopback', () => 'http://mapped.test/', 'address'],
    ['name → NAT64 of a private address', () => 'http://nat64.test/', 'address'],
    ['name → unique local', () => 'http://ula.test/', 'address'],
    ['name that does not resolve', () => 'http://nowhere.test/', 'dns'],
    ['name with no addresses', () => 'http://empty.test/', 'dns'],
    ['file:', () => 'file:///etc/passwd', 'scheme'],
    ['ftp:', () => 'ftp://public.test/', 'scheme'],
    ['gopher:', () => 'gopher://127.0.0.1:70/', 'scheme'],
    ['data:', () => 'data:text/html,<title>x</title>', 'scheme'],
    ['javascript:', () => 'javascript:alert(1)', 'scheme'],
    ['port 22', () => 'http://public.test:22/', 'port'],
    ['port 6379', () => 'http://public.test:6379/', 'port'],
    ['credentials in the URL', () => 'http://user:pass@public.test/', 'bad_url'],
    ['deny-listed domain', () => 'http://denied.test/', 'domain'],
    ['deny-listed subdomain', () => 'http://a.b.denied.test/', 'domain'],
    ['not a URL', () => 'http//:nope', 'bad_url'],
  ];

  it.each(probes)('%s', async (_name, url, code) => {
    const before = connects.hosts.length;
    expect(await refusal(strict(), url())).toBe(code);
    expect(connects.hosts.slice(before)).toEqual([]);
  });

  it('the allow-list admits only its domains', async () => {
    const before = connects.hosts.length;
    expect(await refusal({ ...strict(), allowDomains: ['example.org'] }, 'http://public.test/')).toBe('domain');
    expect(connects.hosts.slice(before)).toEqual([]);
  });
});

describe('hostile servers and redirects (the fixture server exempted, nothing else)', () => {
  const at = (path: string, host = '127.0.0.1') => `${fx.origin(host)}${path}`;
  it.each<[string, string, RefusalCode]>([
    ['redirect to a private address', '/to-private', 'address'],
    ['redirect to cloud metadata', '/to-metadata', 'address'],
    ['redirect to [::1]', '/to-loopback6', 'address'],
    ['redirect to a decimal private address', '/to-decimal', 'address'],
    ['redirect to a name that resolves privately', '/to-private-name', 'address'],
    ['redirect to file:', '/to-file', 'scheme'],
    ['redirect to gopher:', '/to-gopher', 'scheme'],
    ['redirect to a refused port', '/to-port', 'port'],
    ['redirect without Location', '/no-location', 'status'],
    ['more than 3 redirects', '/chain0', 'redirects'],
    ['a huge body', '/huge', 'too_large'],
    ['a declared Content-Length over the cap', '/declared-huge', 'too_large'],
    ['an endless body', '/endless', 'too_large'],
    ['a slow-loris body', '/slow', 'timeout'],
    ['headers that never come', '/slow-headers', 'timeout'],
    ['a gzip bomb (50 MB of zeros)', '/gzip-bomb', 'too_large'],
    ['a brotli bomb', '/brotli-bomb', 'too_large'],
    ['an unknown content encoding', '/weird-encoding', 'content_type'],
    ['application/json for a page', '/json', 'content_type'],
    ['no content type', '/untyped', 'content_type'],
    ['SVG for a page', '/svg', 'content_type'],
    ['a 500', '/status-500', 'status'],
  ])('%s', async (_name, path, code) => {
    const before = connects.hosts.length;
    // The deadline decides only the slow servers' cases; the others get time to spare on a busy machine.
    const policy = code === 'timeout' ? exempt() : exempt({ timeoutMs: 20_000 });
    expect(await refusal(policy, at(path))).toBe(code);
    expect(connects.hosts.slice(before).every((h) => h === `127.0.0.1:${P}`)).toBe(true);
  });

  it('follows up to 3 redirects, each checked, and fetches the page', async () => {
    const res = await safeFetch(exempt(), { url: at('/hop2'), maxBytes: 10_000, accept: 'text/html' });
    expect(res.url.pathname).toBe('/chain5');
    expect(res.body.toString()).toBe(PAGE);
  });

  it('pins the connection to the checked address: a second DNS answer is never used', async () => {
    const calls: string[] = [];
    const rebinding = tableResolver({ 'rebind.test': [['127.0.0.1'], ['10.0.0.1']] }, calls);
    const before = connects.hosts.length;
    const res = await safeFetch(exempt({ resolver: rebinding }), { url: at('/page', 'rebind.test'), maxBytes: 10_000, accept: 'text/html' });
    expect(res.body.toString()).toBe(PAGE);
    expect(calls).toEqual(['rebind.test']);
    expect(connects.hosts.slice(before)).toEqual([`127.0.0.1:${P}`]);
    // The next fetch resolves again, gets the private answer, and is refused before connecting.
    expect(await refusal(exempt({ resolver: rebinding }), at('/page', 'rebind.test'))).toBe('address');
    expect(connects.hosts.slice(before)).toEqual([`127.0.0.1:${P}`]);
  });

  it('sends an honest User-Agent and no cookies', async () => {
    let headers: Record<string, unknown> = {};
    fx.route('/echo', (q, r) => ((headers = q.headers), void r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)));
    await safeFetch(exempt({ userAgent: 'BackchannelLinkPreview/test' }), { url: at('/echo', 'fixture.test'), maxBytes: 10_000, accept: 'text/html' });
    expect(headers['user-agent']).toBe('BackchannelLinkPreview/test');
    expect(headers.host).toBe(`fixture.test:${P}`);
    expect(headers.cookie).toBeUndefined();
  });
});

describe('connect() attempts over the whole corpus', () => {
  it('none went anywhere but the fixture server', () => {
    expect(connects.hosts.length).toBeGreaterThan(0);
    expect(connects.hosts.filter((h) => h !== `127.0.0.1:${P}`)).toEqual([]);
  });
});
