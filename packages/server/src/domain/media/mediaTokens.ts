/**
 * Media tokens: what a client appends to media URLs (`?t=`), since an `<img>` cannot send the
 * session header. A token names its user and an expiry and is signed with a server secret every
 * node shares; access is still checked on every fetch for that user (readMedia.ts), so a leaked
 * URL works only until it expires and only as far as its user's access goes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../storage/store.js';
import type { Clock } from '../deps.js';

export const MEDIA_TOKEN_TTL_MS = 15 * 60_000;

export interface MediaTokens {
  issue(userId: string, now: number): { token: string; expiresAt: number };
  /** The user a valid, unexpired token names, else null. */
  verify(token: string, now: number): string | null;
}

export function mediaTokens(secret: string): MediaTokens {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
  return {
    issue(userId, now) {
      const expiresAt = now + MEDIA_TOKEN_TTL_MS;
      const body = `${userId}.${expiresAt}`;
      return { token: `${body}.${sign(body)}`, expiresAt };
    },
    verify(token, now) {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [userId, exp, sig] = parts as [string, string, string];
      if (!/^\d{1,15}$/.test(exp) || Number(exp) <= now) return null;
      const want = Buffer.from(sign(`${userId}.${exp}`));
      const got = Buffer.from(sig);
      return got.length === want.length && timingSafeEqual(got, want) ? userId : null;
    },
  };
}

export async function loadMediaTokens(store: Store, clock: Clock): Promise<MediaTokens> {
  return mediaTokens(await store.write((tx) => tx.secrets.get('media-token', randomBytes(32).toString('base64url'), clock.now())));
}
