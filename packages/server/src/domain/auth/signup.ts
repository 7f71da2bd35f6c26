import type { SessionResponse, SignupBody } from '@backchannel/protocol';
import { LIMITS } from '@backchannel/protocol';
import { UniqueViolation } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentMe } from '../present.js';
import { cleanName } from '../text.js';
import { createSession } from './createSession.js';

/** Creates an account (and, in invite mode, consumes its invite code) and a first device session. */
export async function signup(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'hasher' | 'limits'>, input: SignupBody): Promise<SessionResponse> {
  const displayName = cleanName(input.displayName, 'displayName', LIMITS.displayNameMax);
  if (deps.limits.signupMode === 'invite' && !input.inviteCode) {
    throw new DomainError('invite_required', 'Sign-up needs an invite code.', { field: 'inviteCode' });
  }
  if ((await deps.store.read.users.byUsername(input.username)) !== null) {
    throw new DomainError('username_taken', 'That username is taken.', { field: 'username' });
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const now = deps.clock.now();
  const user = {
    id: deps.ids.id(),
    username: input.username,
    displayName,
    bio: '',
    passwordHash,
    createdAt: now,
    roles: [] as string[],
    whoCanMessage: 'everyone' as const,
    suspendedAt: null,
  };
  try {
    const token = await deps.store.write(async (tx) => {
      if (deps.limits.signupMode === 'invite' && !(await tx.invites.consume(input.inviteCode!, user.id, now))) {
        throw new DomainError('invite_required', 'That invite code is not valid or was already used.', { field: 'inviteCode' });
      }
      await tx.users.insert(user);
      return createSession(deps, tx, user.id);
    });
    return { token, user: presentMe(user) };
  } catch (err) {
    if (err instanceof UniqueViolation && err.key === 'username') {
      throw new DomainError('username_taken', 'That username is taken.', { field: 'username' });
    }
    throw err;
  }
}
