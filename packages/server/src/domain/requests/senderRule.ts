/**
 * The one rule for the sender (docs/subsystems/message-requests.md): to its sender, a request is
 * pending until it is accepted or expires. Deleting, blocking or reporting it changes only the
 * recipient's side, so everything the sender can observe (the message cap, the length cap, one
 * open request per person, the expiry) follows the request as if it were still pending.
 */
import type { RequestRow, RequestState } from '../../storage/store.js';
import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { requestLimits } from './limits.js';

/** The states in which the sender still sees a pending request (until `expiresAt`). */
const OPEN_TO_SENDER: ReadonlySet<RequestState> = new Set<RequestState>(['pending', 'deleted', 'blocked', 'reported']);

/** `request` is, to `senderId`, a request of theirs still waiting for an answer. */
export function openToSender(request: RequestRow | null, senderId: string, now: number): boolean {
  return request !== null && request.senderId === senderId && OPEN_TO_SENDER.has(request.state) && request.expiresAt > now;
}

/** One more message on a request the sender sees as pending: capped in number and length, then counted. */
export async function countRequestMessage(deps: Pick<Deps, 'limits'>, tx: Tx, request: RequestRow, text: string): Promise<void> {
  const l = requestLimits(deps.limits);
  if (request.messagesSent >= 1 + l.extraMessages) {
    throw new DomainError('request_pending', 'Your request is pending; you can send more once it is accepted.', { max: 1 + l.extraMessages });
  }
  if ([...text].length > l.messageMaxChars) {
    throw new DomainError('too_large', `While your request is pending, a message is at most ${l.messageMaxChars} characters.`, { field: 'text', max: l.messageMaxChars });
  }
  await tx.requests.put({ ...request, messagesSent: request.messagesSent + 1 });
}
