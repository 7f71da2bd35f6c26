/** SQLite constraint errors as port errors (`UniqueViolation` with the key the domain recognises). */
import { UniqueViolation } from '../store.js';

// SQLite names the columns of the violated key in its message ("UNIQUE constraint failed: t.a, t.b").
const KEYS: Array<[string, UniqueViolation['key']]> = [
  ['users.username_lower', 'username'],
  ['direct_pairs.direct_key', 'direct_pair'],
  // Shadow messages share the client-id space of a send (ADR 0005): a clash means "already sent".
  ['shadow_messages.conversation_id, shadow_messages.sender_id, shadow_messages.client_message_id', 'client_message_id'],
  [': messages.conversation_id, messages.sender_id', 'client_message_id'],
  ['invites.code', 'invite'],
];

export function translateUnique(err: unknown): never {
  const e = err as { code?: string; message?: string };
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const msg = e.message ?? '';
    throw new UniqueViolation(KEYS.find(([cols]) => msg.includes(cols))?.[1] ?? 'other');
  }
  throw err;
}

/** Runs a write statement, turning a unique-key failure into `UniqueViolation`. */
export function guardUnique<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    return translateUnique(err);
  }
}
