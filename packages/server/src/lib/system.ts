/** The real clock, ids and password hasher (tests may pass their own). */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// `Algorithm.Argon2id` is an ambient const enum, unusable under verbatimModuleSyntax.
const ARGON2ID = 2;
import type { Clock, Ids, PasswordHasher } from '../domain/deps.js';
import { DomainError } from '../domain/errors.js';
import { Overloaded, Semaphore } from './semaphore.js';

export const systemClock: Clock = { now: () => Date.now() };

export const randomIds: Ids = {
  id: () => randomBytes(16).toString('base64url'),
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
