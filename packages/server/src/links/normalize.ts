/**
 * The cache key of a link: the same page under small spelling differences shares one preview.
 * Lowercased scheme and host (the URL parser does it, and canonicalizes IP spellings), no default
 * port, no trailing dot, no fragment, no tracking parameters (`utm_*`, `fbclid`, `gclid`…), an
 * empty path as `/`. The query's order is kept: servers may read it.
 */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi)$/i;

export function normalizeUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.hostname = u.hostname.replace(/\.$/, '');
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  return u.toString();
}
