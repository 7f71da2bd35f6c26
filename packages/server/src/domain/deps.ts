/**
 * What domain actions may use. Each action takes only the parts it needs (`Pick<Deps, …>`), so a
 * test passes exactly those. Time, ids and randomness are injected (STYLE.md rule 6).
 */
import type { Bus } from '../fanout/bus.js';
import type { Store } from '../storage/store.js';
import type { StreamCursors } from './auth/streamCursors.js';
import type { QuestionLimits } from './questions/limits.js';
import type { RoomLimits } from './rooms/limits.js';

export interface Clock {
  now(): number;
}

export interface Ids {
  /** An unguessable id (128 random bits, base64url). */
  id(): string;
  /** A secret token (256 random bits, base64url). */
  token(): string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Anti-abuse limits of the requests inbox (docs/subsystems/message-requests.md). */
export interface RequestLimits {
  extraMessages: number;
  messageMaxChars: number;
  dailyBudget: number;
  dailyBudgetNewAccount: number;
  newAccountMs: number;
  perMinute: number;
  expiryMs: number;
  /** Request actions and reports per user per minute. */
  actionsPerMinute: number;
}

/** What people may do with a message after sending it (docs/subsystems/messages.md). */
export interface MessageLimits {
  editWindowMs: number;
  unsendWindowMs: number;
  /** How long a "keep for reporting" copy lasts. */
  keepMs: number;
  reactionsPerMinute: number;
}

export interface Limits {
  groupMaxMembers: number;
  sessionTtlMs: number;
  signupMode: 'open' | 'invite';
  /** Defaults to DEFAULT_REQUEST_LIMITS (domain/requests/limits.ts) when absent. */
  requests?: RequestLimits;
  /** How long a reporter may withdraw a report; DEFAULT_REPORT_WITHDRAW_MS (domain/reports/withdrawReport.ts) when absent. */
  reportWithdrawMs?: number;
  /** People met in a room count as met this long, and room participation records are kept as long; DEFAULT_MET_IN_ROOM_MS (visibility/messaging.ts) when absent. */
  metInRoomMs?: number;
  /** Whether a message with links enqueues its link-preview job (docs/subsystems/links.md); off when absent. */
  linkPreviews?: boolean;
  /** Edit and unsend windows; DEFAULT_MESSAGE_LIMITS (domain/messages/limits.ts) when absent. */
  messages?: MessageLimits;
  /** Live rooms; DEFAULT_ROOM_LIMITS (domain/rooms/limits.ts) when absent. */
  rooms?: RoomLimits;
  /** A room's Q&A; DEFAULT_QUESTION_LIMITS (domain/questions/limits.ts) when absent. */
  questions?: QuestionLimits;
}

export interface Deps {
  store: Store;
  clock: Clock;
  ids: Ids;
  hasher: PasswordHasher;
  limits: Limits;
  bus: Bus;
  /** Opaque stream cursors (domain/auth/streamCursors.ts), the same on every node. */
  cursors: StreamCursors;
}
