/**
 * The storage ports. Domain actions talk to storage only through these interfaces; SQL lives only
 * in the backends (`storage/sqlite`, `storage/postgres`). Every backend passes the same
 * conformance suite (`storage/conformance`).
 *
 * Writes go through `Store.write(work)`: the backend runs `work` inside a transaction that it may
 * share with other writes of the same event-loop turn (group commit), each isolated by a savepoint,
 * and resolves only after the durable COMMIT. A `work` function must only call the `Repo` it is
 * given (no other I/O), so that a batch never waits on the outside world.
 * See docs/subsystems/delivery.md.
 */
import type { Folder, LinkEntity, SystemEvent } from '@backchannel/protocol';
import type { CredentialRepo } from './credentials.js';
import type { Tx } from './ports/tx.js';
import type { EventRow } from './rows/events.js';
import type { RequestRow, SafetyRepo, ShadowMessageRow } from './safety.js';

export type * from './ports/index.js';
export type { UserRow, WhoCanMessage } from './rows/users.js';
export type { EventRow, NewEvent } from './rows/events.js';

export interface SessionRow {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface ConversationRow {
  id: string;
  kind: 'direct' | 'group';
  title: string | null;
  moderatorId: string | null;
  lastSeq: number;
  lastActivityAt: number;
  createdAt: number;
}

export interface MemberRow {
  conversationId: string;
  userId: string;
  folder: Folder;
  readSeq: number;
  muted: boolean;
  pinned: boolean;
  archived: boolean;
  /** The user who added this member (null for the creator). */
  addedBy: string | null;
  joinedAt: number;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMessageId: string | null;
  kind: 'text' | 'system';
  text: string;
  entities: LinkEntity[];
  system: SystemEvent | null;
  createdAt: number;
}

export interface ConversationListItem {
  conversation: ConversationRow;
  member: MemberRow;
}

export interface HistoryRange {
  before?: number;
  after?: number;
  limit: number;
}

/**
 * Everything a send reads before it writes, in one call (one round trip on PostgreSQL): the retry
 * lookup, the sender's access, and for a 1:1 the requests-inbox facts about the other person.
 */
export interface SendContext {
  /** The sender's message with this client id (a retry), if any. */
  original: MessageRow | null;
  /** The sender's shadow message with this client id, if any (only looked for when `original` is null). */
  shadow: ShadowMessageRow | null;
  conversation: ConversationRow | null;
  /** The sender's membership. */
  member: MemberRow | null;
  /** Set for a conversation with a 1:1 pair that includes the sender. */
  direct: DirectSendContext | null;
}

export interface DirectSendContext {
  otherId: string;
  /** The other person blocked the sender (the send becomes a shadow message). */
  blockedByOther: boolean;
  /** The sender blocked the other person. */
  blocksOther: boolean;
  otherMember: MemberRow | null;
  /** The request row addressed to the other person in this conversation. */
  requestToOther: RequestRow | null;
}

/** Transitional: the areas not yet split out of the flat repo (issue 10). */
export interface Repo extends Tx, SafetyRepo, CredentialRepo {
  // sessions & invites
  insertSession(session: SessionRow): Promise<void>;
  sessionByTokenHash(tokenHash: string): Promise<SessionRow | null>;
  revokeSession(id: string, at: number): Promise<void>;
  /** Revokes every live session of the user; returns their ids. */
  revokeUserSessions(userId: string, at: number): Promise<string[]>;
  insertInvite(code: string, createdAt: number): Promise<void>;
  /** Marks the invite used by `userId`; false when it does not exist or was used. */
  consumeInvite(code: string, userId: string, at: number): Promise<boolean>;

  // conversations
  directConversationId(userA: string, userB: string): Promise<string | null>;
  /** The two participants of a 1:1 (whether or not they are members now). */
  directPairOf(conversationId: string): Promise<[string, string] | null>;
  /** Creates the conversation; for `direct`, `directKey` is unique (one conversation per pair). */
  insertConversation(row: ConversationRow, directKey: string | null): Promise<void>;
  conversationById(id: string): Promise<ConversationRow | null>;
  setConversationTitle(id: string, title: string | null): Promise<void>;
  setModerator(id: string, moderatorId: string | null): Promise<void>;
  /**
   * Moves the conversation's last seq up to `atLeast` (never down), activity time unchanged: after
   * a silent block ends, real messages go on after the blocked sender's own numbering (ADR 0006).
   */
  raiseSeq(conversationId: string, atLeast: number): Promise<void>;
  /** Increments and returns the conversation's next sequence number and bumps its activity time. */
  nextSeq(conversationId: string, at: number): Promise<number>;
  /** Adds (or re-adds) a member; their stream sees conversation events appended after this call. */
  addMember(member: MemberRow): Promise<void>;
  /** Removes a member; their stream sees no conversation event appended after this call. */
  removeMember(conversationId: string, userId: string): Promise<void>;
  member(conversationId: string, userId: string): Promise<MemberRow | null>;
  members(conversationId: string): Promise<MemberRow[]>;
  /** Ids of every conversation the user is a member of now (for routing live events). */
  conversationIdsForUser(userId: string): Promise<string[]>;
  updateMember(conversationId: string, userId: string, patch: Partial<Pick<MemberRow, 'folder' | 'readSeq' | 'muted' | 'pinned' | 'archived'>>): Promise<void>;
  /**
   * The user's conversations, newest activity first. In the inbox, the first page (no
   * `beforeActivity`) puts pinned ones first and later pages hold only unpinned ones. Activity is
   * as the user sees it: the later of the conversation's `lastActivityAt` and the user's own latest
   * shadow message there (ADR 0006); the returned rows carry that value as `lastActivityAt`, and
   * `beforeActivity` pages by it.
   */
  listConversations(userId: string, filter: { folder: Folder | 'archived'; limit: number; beforeActivity?: { at: number; id: string } }): Promise<ConversationListItem[]>;

  // messages
  /** The reads of a send, in one call (see SendContext). */
  sendContext(conversationId: string, senderId: string, clientMessageId: string): Promise<SendContext>;
  /**
   * `nextSeq` + `insertMessage` in one step: takes the conversation's next seq (activity time =
   * `row.createdAt`), stores the message with it and returns the seq. With `senderRead`, the
   * sender's readSeq moves to that seq (sending implies having read what came before). Raises
   * `UniqueViolation('client_message_id')` like `insertMessage`; like any port error inside a
   * write, it ends the write (PostgreSQL aborts the statement's transaction), which takes no seq.
   */
  appendMessage(row: Omit<MessageRow, 'seq'>, opts?: { senderRead?: boolean }): Promise<number>;
  insertMessage(row: MessageRow): Promise<void>;
  messageByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageRow | null>;
  messageBySeq(conversationId: string, seq: number): Promise<MessageRow | null>;
  /** Newest-first when `before` (or neither) is given, oldest-first when `after` is given; always returned in ascending seq. */
  history(conversationId: string, range: HistoryRange): Promise<MessageRow[]>;
}

export interface WriteOptions {
  /**
   * The conversation the write is about. Writes with the same key run in arrival order in one
   * group-commit lane; a backend may run other lanes' transactions in parallel (PostgreSQL does,
   * ADR 0003). Writes without a key share one lane. A hint only: correctness never depends on it.
   */
  key?: string;
}

export interface Store {
  /** Reads of committed data. */
  readonly read: Repo;
  /** Runs `work` atomically and durably; resolves after COMMIT (possibly shared with other writes). */
  write<T>(work: (tx: Repo) => Promise<T>, opts?: WriteOptions): Promise<T>;
  /** Events committed by the last writes, in pos order, for the relay. */
  onCommitted(listener: (events: EventRow[]) => void): void;
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

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

/** The unique key of a 1:1 conversation: the two user ids in a fixed order. */
export function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
