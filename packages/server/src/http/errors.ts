/**
 * The one table from failures to HTTP responses. Domain errors carry a stable code; the status
 * comes from the protocol's ERROR_CODES. Nothing else in the transport picks a status.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusFor, type ErrorBody, type ErrorCode } from '@backchannel/protocol';
import { DomainError } from '../domain/errors.js';
import { StorageUnavailable } from '../storage/store.js';
import { drainRefusedBody } from './bodies.js';
import { InvalidInput } from './validation.js';

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: Record<string, unknown>): FastifyReply {
  const retry = details?.retryAfterMs;
  if (typeof retry === 'number') reply.header('retry-after', Math.max(1, Math.ceil(retry / 1000)));
  const body: ErrorBody = { code, message, ...(details ? { details } : {}) };
  return reply.code(httpStatusFor(code)).send(body);
}

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof DomainError) return sendError(reply, err.code, err.message, err.details);
  if (err instanceof StorageUnavailable) {
    return err.unknownOutcome
      ? sendError(reply, 'outcome_unknown', 'The write may or may not have happened; retry with the same idempotency key.', { retryAfterMs: 1000 })
      : sendError(reply, 'unavailable', 'Storage is unavailable; retry shortly.', { retryAfterMs: 1000 });
  }
  if (err instanceof InvalidInput) return sendError(reply, 'bad_request', err.message, { field: err.field, in: err.part });
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // Fastify asks to close the connection; we read the rest of the body instead (bounded) so
    // the client sees this answer, and the connection stays usable (bodies.ts).
    reply.removeHeader('connection');
    drainRefusedBody(req.raw);
    return sendError(reply, 'too_large', 'The request body is too large.');
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 'bad_request', 'Send JSON (Content-Type: application/json).', { field: 'content-type' });
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.name === 'BadJson') {
    return sendError(reply, 'bad_json', `The body is not acceptable JSON: ${fe.message}`);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, 'bad_request', fe.message);
  }
  req.log.error({ err }, 'unhandled error');
  return sendError(reply, 'internal', 'Something went wrong; nothing was written.');
}
