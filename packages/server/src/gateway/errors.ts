import { DomainError } from '../domain/errors.js';
import { StorageUnavailable } from '../storage/store.js';
import type { Connection } from './connection.js';
import type { GatewayContext } from './context.js';

/** Maps any failure of an op to an `error` frame with a stable code (never a stack trace). */
export function replyError(ctx: GatewayContext, conn: Connection, id: string | undefined, err: unknown): void {
  if (err instanceof DomainError) {
    conn.sendError(id, err.code, err.message, err.details);
  } else if (err instanceof StorageUnavailable) {
    conn.sendError(id, err.unknownOutcome ? 'outcome_unknown' : 'unavailable', err.unknownOutcome ? 'The write may or may not have happened; retry with the same id.' : 'Storage is unavailable; retry shortly.', { retryAfterMs: 1000 });
  } else {
    ctx.log.error({ err, userId: conn.userId }, 'socket op failed');
    conn.sendError(id, 'internal', 'Something went wrong; nothing was written.');
  }
}
