/** The errors every storage port may raise, whatever the backend. */

/** Raised by backends when a unique key is violated; `key` names it. */
export class UniqueViolation extends Error {
  constructor(readonly key: 'username' | 'direct_pair' | 'client_message_id' | 'invite' | 'other') {
    super(`unique violation: ${key}`);
  }
}

/** Raised when storage cannot be reached; `unknownOutcome` when it failed during COMMIT. */
export class StorageUnavailable extends Error {
  constructor(message: string, readonly unknownOutcome: boolean) {
    super(message);
  }
}
