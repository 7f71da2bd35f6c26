import { createHash } from 'node:crypto';

/** Session tokens are stored only as their SHA-256 (a database leak does not leak sessions). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
