/** Storage port of sign-up invites. */
export interface InvitesRepo {
  /** Raises `UniqueViolation('invite')` for a code that exists. */
  insert(code: string, createdAt: number): Promise<void>;
  /** Marks the invite used by `userId`; false when it does not exist or was used. */
  consume(code: string, userId: string, at: number): Promise<boolean>;
}
