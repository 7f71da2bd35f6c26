import type { LoginBody, SessionResponse } from '@backchannel/protocol';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentMe } from '../present.js';
import { createSession } from './createSession.js';

// Verifying against a real hash when the user does not exist keeps the timing of "no such user"
// and "wrong password" the same (no username probing by latency).
let dummyHash: Promise<string> | null = null;

export async function login(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'hasher' | 'limits'>, input: LoginBody): Promise<SessionResponse> {
  const user = await deps.store.read.users.byUsername(input.username);
  dummyHash ??= deps.hasher.hash('not-a-real-password-but-a-timing-shield');
  const ok = await deps.hasher.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok) throw new DomainError('invalid_credentials', 'Wrong username or password.');
  if (user.suspendedAt !== null) throw new DomainError('account_suspended', 'This account is suspended.');
  const token = await deps.store.write((tx) => createSession(deps, tx, user.id));
  return { token, user: presentMe(user) };
}
