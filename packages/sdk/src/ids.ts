/**
 * Client message ids name a send so that retries are idempotent (RELIABILITY.md, Delivery). They
 * must never collide across devices, so they carry 122 bits of randomness (UUID v4), not a counter.
 * The protocol allows `[A-Za-z0-9_.:-]{1,64}`; a UUID fits.
 */
export function newClientMessageId(): string {
  const c = globalThis.crypto;
  // randomUUID exists in Node 20 and in browsers, but only in secure contexts (https, localhost).
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
