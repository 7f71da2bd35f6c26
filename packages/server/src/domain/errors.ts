import type { ErrorCode } from '@backchannel/protocol';

/**
 * A rule said no. Carries a stable code from the protocol; the transport maps it to an HTTP status
 * or a socket error frame in one table (http/errors.ts, gateway/errors.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** "Not visible" and "does not exist" must look the same (ARCHITECTURE.md rule 6). */
export const notFound = (what = 'conversation') => new DomainError('not_found', `No such ${what}.`);
