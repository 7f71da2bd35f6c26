/**
 * Which addresses the link fetcher may connect to (docs/subsystems/links.md, "Fetching safely").
 * Only public unicast addresses: IPv4 outside loopback, private, link-local, CGNAT, multicast,
 * broadcast, reserved, documentation and "this network" ranges; IPv6 inside global unicast
 * (2000::/3) and outside every special range, including the ones that embed an IPv4 address
 * (IPv4-mapped, NAT64, 6to4, Teredo), which are refused outright rather than unwrapped.
 *
 * Spellings: an address is parsed from its canonical form only. Hostnames come from the WHATWG URL
 * parser, which already turns `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` into `127.0.0.1`;
 * resolved addresses come from the resolver as plain dotted or colon forms. Anything ipaddr.js
 * cannot parse strictly is refused.
 */
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true; address: string; family: 4 | 6 } | { ok: false; address: string; reason: string };

/** CIDR ranges exempted from the checks (tests allow a loopback fixture server; the default is none). */
export type AddressExemptions = ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

export function parseExemptions(cidrs: readonly string[]): AddressExemptions {
  return cidrs.map((c) => ipaddr.parseCIDR(c));
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Whether `address` (an IP literal, no brackets) is one the fetcher may connect to. */
export function checkAddress(address: string, exempt: AddressExemptions = []): AddressVerdict {
  const family = net.isIP(address);
  if (family === 0) return { ok: false, address, reason: 'not an IP address' };
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = family === 4 ? ipaddr.IPv4.parse(address) : ipaddr.IPv6.parse(address);
  } catch {
    return { ok: false, address, reason: 'not an IP address' };
  }
  for (const [range, bits] of exempt) {
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) return { ok: true, address, family: family as 4 | 6 };
  }
  const range = parsed.range();
  if (range !== 'unicast') return { ok: false, address, reason: range };
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return { ok: false, address, reason: 'not global unicast' };
  return { ok: true, address, family: family as 4 | 6 };
}

/** A URL hostname as an IP literal when it is one (`[::1]` → `::1`), else null. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) !== 0 ? bare : null;
}
