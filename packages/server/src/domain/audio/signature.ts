/**
 * Signed webhooks from the audio service (docs/api/audio-webhooks.md, ADR 0009).
 *
 *   Backchannel-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The signature covers the timestamp and the exact bytes of the body, so neither can be changed
 * and a captured request cannot be replayed once the timestamp is older than the allowed skew
 * (a replay inside the window is caught by the event id). During a secret rotation the sender may
 * put one `v1` per secret; we accept a match against the current or the previous secret.
 * Comparisons are constant-time (`crypto.timingSafeEqual` over the 32-byte digests).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.js';

export interface WebhookSecrets {
  current: string;
  /** The secret being rotated out, still accepted; null when no rotation is under way. */
  previous: string | null;
  /** Largest distance between the signed timestamp and our clock, either way. */
  maxSkewMs: number;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

const digest = (secret: string, t: string, body: string): Buffer => createHmac('sha256', secret).update(`${t}.`).update(body).digest();

/** The header value for `body` signed at `tSeconds` (what the audio service sends; tests and docs use it). */
export function signAudioWebhook(secrets: readonly string[], body: string, tSeconds: number): string {
  const t = String(Math.floor(tSeconds));
  return [`t=${t}`, ...secrets.map((s) => `v1=${digest(s, t, body).toString('hex')}`)].join(',');
}

function parseHeader(header: string): { t: string; v1: Buffer[] } | null {
  let t: string | null = null;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = value;
    } else if (key === 'v1') {
      if (!HEX_DIGEST.test(value)) return null;
      v1.push(Buffer.from(value, 'hex'));
    } // other schemes (v0, future ones) are ignored, as senders may add them
  }
  return t !== null && v1.length > 0 && v1.length <= 8 ? { t, v1 } : null;
}

/**
 * Accepts the request or throws: `bad_signature` (missing, malformed, or no secret matches) before
 * `stale_timestamp` (signed, but too far from now), so an unsigned caller learns nothing about
 * our clock.
 */
export function verifyAudioWebhook(header: string | string[] | undefined, rawBody: string, secrets: WebhookSecrets, nowMs: number): void {
  const parsed = typeof header === 'string' ? parseHeader(header) : null;
  if (!parsed) throw new DomainError('bad_signature', 'Missing or malformed Backchannel-Signature header (t=<seconds>,v1=<hex>).', { header: 'backchannel-signature' });
  const expected = [secrets.current, secrets.previous].filter((s): s is string => s !== null).map((s) => digest(s, parsed.t, rawBody));
  let match = false;
  for (const e of expected) for (const v of parsed.v1) match = timingSafeEqual(e, v) || match;
  if (!match) throw new DomainError('bad_signature', 'The signature matches none of the shared secrets.', { header: 'backchannel-signature' });
  const skewMs = Math.abs(nowMs - Number(parsed.t) * 1000);
  if (skewMs > secrets.maxSkewMs) {
    throw new DomainError('stale_timestamp', 'The signed timestamp is too far from our clock; sign again with the current time.', { maxSkewSeconds: Math.floor(secrets.maxSkewMs / 1000) });
  }
}
