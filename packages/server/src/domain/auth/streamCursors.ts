/**
 * Stream cursors as clients see them: opaque, authenticated tokens instead of the global event
 * position, which moves with everyone's activity (issue 9 item 5; docs/subsystems/delivery.md).
 *
 * A token is AES-256-GCM of the 8-byte position under a key derived from a server secret that all
 * nodes share through the store, so any node decodes any node's tokens and nobody can forge one
 * (a chosen position would let a client probe the head with `cursor_from_future`).
 * - An event's token (`forEvent`) is deterministic: its nonce is an HMAC of the position (a
 *   synthetic IV, so a nonce only repeats with its plaintext). Every recipient and every replay of
 *   that event carries the same token, which is how clients deduplicate; equal tokens tell a
 *   client only that it saw the same event twice.
 * - A head token (`forHead`: `GET /v1/sync`, `ready` after `resume null`, `resume_failed`) has a
 *   random nonce: two of them are never equal, so polling them tells nothing about whether
 *   anything happened on the server in between.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../deps.js';

export interface StreamCursors {
  /** The token of the event at `pos`, the same for every recipient and every replay. */
  forEvent(pos: number): string;
  /** A fresh, unlinkable token for a position no event of the client's sits at (a head). */
  forHead(pos: number): string;
  /** The position inside a token this server minted, or null (malformed, forged, other server). */
  decode(token: string): number | null;
}

const NONCE = 12;
const TAG = 16;
const TOKEN_BYTES = NONCE + 8 + TAG;
/** Event tokens kept for reuse (~1 MB). */
const RECENT_EVENTS = 8192;
/** base64url of 36 bytes: 48 characters, no padding. */
const TOKEN = /^[A-Za-z0-9_-]{48}$/;

export function streamCursors(secret: string): StreamCursors {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64url'), Buffer.alloc(0), info, 32));
  const encKey = derive('backchannel stream cursor v1: encryption');
  const nonceKey = derive('backchannel stream cursor v1: synthetic nonce');
  const seal = (pos: number, nonce: Buffer): string => {
    const plain = Buffer.alloc(8);
    plain.writeBigUInt64BE(BigInt(pos));
    const cipher = createCipheriv('aes-256-gcm', encKey, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
  };
  // Sealing costs ~10 µs (the GCM key schedule): remember recent events' tokens, which every
  // router fan-out and every replay of the same events asks for again.
  const recent = new Map<number, string>();
  const forEvent = (pos: number): string => {
    let token = recent.get(pos);
    if (token === undefined) {
      token = seal(pos, createHmac('sha256', nonceKey).update(String(pos)).digest().subarray(0, NONCE));
      recent.set(pos, token);
      if (recent.size > RECENT_EVENTS) recent.delete(recent.keys().next().value as number);
    }
    return token;
  };
  return {
    forEvent,
    forHead: (pos) => seal(pos, randomBytes(NONCE)),
    decode(token) {
      if (!TOKEN.test(token)) return null;
      const raw = Buffer.from(token, 'base64url');
      if (raw.length !== TOKEN_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, NONCE));
        decipher.setAuthTag(raw.subarray(NONCE + 8));
        const plain = Buffer.concat([decipher.update(raw.subarray(NONCE, NONCE + 8)), decipher.final()]);
        const pos = plain.readBigUInt64BE();
        return pos <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(pos) : null;
      } catch {
        return null; // the tag does not match: not one of ours
      }
    },
  };
}

/** Reads (or, on the very first start of a deployment, creates) the shared secret and builds the codec. */
export async function loadStreamCursors(store: Store, clock: Clock): Promise<StreamCursors> {
  const secret = await store.write((tx) => tx.secrets.get('stream-cursor', randomBytes(32).toString('base64url'), clock.now()));
  return streamCursors(secret);
}
