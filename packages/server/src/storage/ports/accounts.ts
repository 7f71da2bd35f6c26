/**
 * Storage port of the account and data lifecycle: what account deletion, the data export, message
 * retention and the operator's stats read and write across tables (domain/account/, docs/subsystems/accounts.md).
 * SQL that spans tables lives with the operation that owns it (docs/architecture.md).
 */
import type { ReportRow } from '../rows/reports.js';
import type { RequestRow } from '../rows/requests.js';
import type { SessionRow } from '../rows/sessions.js';
import type { UserRow } from '../rows/users.js';

export interface EraseAccount {
  /** The username the account gets (its old one is free for anyone again). */
  username: string;
  displayName: string;
  at: number;
  /** The operator who deleted it, or null when the person did. */
  by: string | null;
}

export interface AccountsRepo {
  /** When the account was deleted, or null. */
  deletedAt(userId: string): Promise<number | null>;
  /**
   * Account deletion's storage step: the users row keeps its id (messages and reports name it)
   * but gets `username` and `displayName`, an empty bio, a password hash no password matches, no
   * roles, "nobody" may message it, and it is suspended; its search terms, follows and blocks
   * (both ways) and its shadow messages are deleted; the deletion is recorded. Returns false, and
   * changes nothing, when the account was already deleted.
   */
  erase(userId: string, opts: EraseAccount): Promise<boolean>;
  /** Every session of the user, newest first. */
  sessionsOf(userId: string): Promise<SessionRow[]>;
  /** The user's pending requests to others, oldest first. */
  pendingRequestsFrom(senderId: string, limit: number): Promise<RequestRow[]>;
  /** Reports the user filed, newest first. */
  reportsBy(reporterId: string, limit: number): Promise<ReportRow[]>;
  /**
   * Of `sessionIds`, those still live at `now`: not revoked, not expired, their user not suspended
   * (gateway/sessionRecheck.ts closes the sockets of the rest).
   */
  liveSessionIds(sessionIds: readonly string[], now: number): Promise<string[]>;
  /** Stores a one-time password reset token (hashed), dropping the user's earlier unused ones. */
  createPasswordReset(reset: { tokenHash: string; userId: string; expiresAt: number }): Promise<void>;
  /** Marks the token used and returns its user, if it exists, is unused and has not expired by `now`; of two racing uses at most one gets the user. */
  usePasswordReset(tokenHash: string, now: number): Promise<string | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Accounts with the operator role, by username. */
  operators(): Promise<UserRow[]>;
  /** Messages (and shadow messages) created before `cutoff`: what retention would delete. */
  countMessagesBefore(cutoff: number): Promise<number>;
  /** Deletes up to `limit` messages and up to `limit` shadow messages created before `cutoff`; returns how many went. */
  deleteMessagesBefore(cutoff: number, limit: number): Promise<number>;
  /** Row counts an operator watches (`admin stats`). */
  stats(): Promise<AccountStats>;
}

export interface AccountStats {
  /** Accounts that are not deleted (suspended ones included). */
  users: number;
  suspended: number;
  deleted: number;
  conversations: number;
  messages: number;
  roomMessages: number;
  liveRooms: number;
  openReports: number;
}
