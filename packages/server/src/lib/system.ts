/** The real clock, ids and password hasher (tests may pass their own). */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// `Algorithm.Argon2id` is an ambient const enum, unusable under verbatimModuleSyntax.
const ARGON2ID = 2;
import type { Clock, Ids, PasswordHasher } from '../domain/deps.js';
import { DomainError } from '../domain/errors.js';
import { Overloaded, Semaphore } from './semaphore.js';

export const systemClock: Clock = { now: () => Date.now() };

// Ids are minted per message: one 4 KiB draw from the CSPRNG serves 256 of them, instead of a
// syscall-backed draw each (randomFillSync showed at 3% of the send path's CPU).
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;
function randomSlice(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

export const randomIds: Ids = {
  id: () => randomSlice(16).toString('base64url'),
  // Session tokens are rare and secret: a fresh draw each, never from the shared pool.
  token: () => randomBytes(32).toString('base64url'),
};

/**
 * argon2id (OWASP's recommended parameters: 19 MiB, 2 iterations) behind a concurrency cap, so a
 * login flood queues instead of exhausting the CPU; past the queue limit callers get 503.
 */
export function argon2Hasher(concurrency: number, queueMax: number, cost: { memoryCost: number; timeCost: number } = { memoryCost: 19456, timeCost: 2 }): PasswordHasher {
  const gate = new Semaphore(concurrency, queueMax);
  const guarded = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await gate.run(task);
    } catch (err) {
      if (err instanceof Overloaded) throw new DomainError('unavailable', 'The server is busy; try again shortly.', { retryAfterMs: 2000 });
      throw err;
    }
  };
  return {
    hash: (password) => guarded(() => hash(password, { algorithm: ARGON2ID, ...cost, parallelism: 1 })),
    verify: (h, password) => guarded(() => verify(h, password).catch(() => false)),
  };
}
