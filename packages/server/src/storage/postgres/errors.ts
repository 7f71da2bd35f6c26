/** PostgreSQL driver errors as port errors (unique keys by constraint name, lost connections), and LIKE escaping. */
import { StorageUnavailable, UniqueViolation } from '../errors.js';

const UNIQUE_KEYS: Record<string, UniqueViolation['key']> = {
  users_username_unique: 'username',
  direct_pairs_unique: 'direct_pair',
  messages_client_id: 'client_message_id',
  // Shadow messages share the client-id space of a send (ADR 0005): a clash means "already sent".
  shadow_messages_client_id: 'client_message_id',
  invites_code_unique: 'invite',
};

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash,
// cannot connect now), plus the errors node-postgres raises itself when the socket goes away.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES = /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended/i;

/** A deadlock victim or serialization failure: this write did nothing and a retry is safe. */
export class WriteConflict extends StorageUnavailable {}

export function isConnectionError(err: unknown): boolean {
  if (err instanceof WriteConflict) return false; // only this write's savepoint rolls back
  if (err instanceof StorageUnavailable) return true;
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return CONNECTION_MESSAGES.test(e.message ?? '');
}

/** Turns driver errors into port errors: unique keys by name, lost connections as StorageUnavailable. */
export function translateError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505') return new UniqueViolation(UNIQUE_KEYS[e.constraint ?? ''] ?? 'other');
  // Deadlock victim or serialization failure: nothing of this write happened; a retry is safe.
  if (e.code === '40P01' || e.code === '40001') return new WriteConflict(`write conflict, retry: ${e.message}`, false);
  if (!(err instanceof StorageUnavailable) && isConnectionError(err)) return new StorageUnavailable(`storage unavailable: ${e.message}`, false);
  return err;
}

/** Escapes LIKE wildcards so a search prefix matches literally. */
export const likePrefix = (p: string): string => p.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
