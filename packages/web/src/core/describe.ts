/** Sentences for people, from the SDK's errors (codes: packages/protocol/src/errors.ts). */
import { BackchannelError } from '@backchannel/sdk';

/** A sentence for the user; codes come from packages/protocol/src/errors.ts. */
export function describeError(err: unknown): string {
  if (!(err instanceof BackchannelError)) return 'Something went wrong. Please try again.';
  switch (err.code) {
    case 'network_error':
      return 'Can’t reach Backchannel. Check your connection.';
    case 'invalid_credentials':
      return 'That username and password don’t match.';
    case 'username_taken':
      return 'That username is taken. Try another one.';
    case 'cannot_message':
      return 'This person doesn’t accept messages from you.';
    case 'rate_limited':
      return `You’re doing that a lot. Try again ${waitLabel(err.retryAfterMs)}.`;
    case 'request_budget':
      return `You’ve started as many new chats with people who don’t follow you as you can for now. Try again ${waitLabel(err.retryAfterMs)}.`;
    case 'too_large':
      return err.details?.field === 'emoji' ? 'That message has as many reactions as it can take.' : 'That message is too long.';
    case 'request_pending':
      return 'They haven’t accepted your request yet. You can send more once they do.';
    case 'account_suspended':
      return 'This account is suspended.';
    case 'forbidden':
      return 'You’re not allowed to do that.';
    case 'not_found':
      return 'That’s no longer here.';
    case 'group_full':
      return 'This group is full.';
    case 'too_late':
      return 'It’s too late to change that message.';
    default:
      return err.message || 'Something went wrong. Please try again.';
  }
}

/** "in about 3 hours" from the server's `retryAfterMs` (rounded up, so we never promise too early). */
export function waitLabel(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return 'in a moment';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `in ${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `in ${m} ${m === 1 ? 'minute' : 'minutes'}`;
  const h = Math.ceil(m / 60);
  return `in about ${h} ${h === 1 ? 'hour' : 'hours'}`;
}
