/**
 * BackchannelClient: one typed method per REST route (the table in docs/sdk.md), named after the
 * intent. Bodies and responses are the protocol's schemas; single-field envelopes such as
 * `{ conversation }` are unwrapped so callers get the entity itself.
 */
import type {
  PresenceResponse,
  PresenceSettings,
  AddMembersBody,
  Attachment,
  MediaTokenResponse,
  UploadResponse,
  ApiToken,
  CreatedTokenResponse,
  CreateTokenBody,
  TokenList,
  AuditEntry,
  KeepResponse,
  Reaction,
  ReactionsResponse,
  AuditList,
  BulkDeleteRequestsBody,
  BulkDeleteResponse,
  CreateReportBody,
  ModerationActionBody,
  Report,
  ReportList,
  ReportListQuery,
  ReportReceipt,
  ReportReceiptResponse,
  ReportRequestBody,
  ReportResponse,
  RequestList,
  RequestListQuery,
  Conversation,
  ConversationList,
  ConversationListQuery,
  ConversationResponse,
  CreateGroupBody,
  HistoryQuery,
  LoginBody,
  Me,
  MeResponse,
  Message,
  MemberListQuery,
  MemberPage,
  MessagePage,
  MessageResponse,
  Ok,
  Profile,
  ProfileResponse,
  ReadBody,
  RenameBody,
  SendMessageBody,
  SessionResponse,
  SettingsBody,
  SignupBody,
  SocketTicketResponse,
  SyncHead,
  UpdateMeBody,
  UserList,
  UserSummary,
} from '@backchannel/protocol';
import { LIMITS } from '@backchannel/protocol';
import type { Static, TSchema } from '@sinclair/typebox';
import { HttpTransport, seg, type FetchLike, type HttpRequest } from './http.js';
import { DEFAULT_SEND_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { QuestionsClient } from './questions.js';
import { RoomsClient } from './rooms.js';
import { BackchannelSocket, type SocketOptions } from './socket.js';
import { realTimers, type Timers } from './timers.js';
import type { WebSocketConstructor } from './websocket.js';

// The protocol exports some envelopes (Ok, MeResponse, …) as schemas only; `Static<typeof X>`
// keeps their types derived from that one definition instead of redefined here.
type Wire<S extends TSchema> = Static<S>;

export interface ClientOptions {
  /** e.g. `https://chat.example.com` (no trailing `/v1`). */
  baseUrl: string;
  token?: string;
  fetch?: FetchLike;
  /** Default WebSocket class for `socket()`; required in Node 20 (the `ws` package's class). */
  WebSocket?: WebSocketConstructor;
  /** REST sendMessage retries; defaults to DEFAULT_SEND_RETRY. */
  sendRetry?: Partial<RetryPolicy>;
  random?: () => number;
  timers?: Timers;
}

export type ConversationFolder = NonNullable<ConversationListQuery['folder']>;

export class BackchannelClient {
  readonly baseUrl: string;
  private tokenValue: string | undefined;
  private readonly http: HttpTransport;
  private readonly sendRetry: RetryPolicy;
  /** Live rooms and room chat (rooms.ts). */
  readonly rooms: RoomsClient;
  /** A room's Q&A (questions.ts). */
  readonly questions: QuestionsClient;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl;
    this.tokenValue = options.token;
    // Bind lazily so a test's or polyfill's later replacement of globalThis.fetch is honoured.
    const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.http = new HttpTransport(options.baseUrl, fetchFn, () => this.tokenValue);
    this.sendRetry = { ...DEFAULT_SEND_RETRY, ...options.sendRetry };
    this.rooms = new RoomsClient(this.http);
    this.questions = new QuestionsClient(this.http);
  }

  get token(): string | undefined {
    return this.tokenValue;
  }

  setToken(token: string | undefined): void {
    this.tokenValue = token;
  }

  /** A socket sharing this client's token and base URL; call `connect()` after adding handlers. */
  socket(options: SocketOptions = {}): BackchannelSocket {
    const WebSocket = options.WebSocket ?? this.options.WebSocket;
    return new BackchannelSocket(
      { baseUrl: this.baseUrl, getToken: () => this.tokenValue, syncHead: () => this.syncHead(), socketTicket: () => this.socketTicket() },
      { ...(this.options.random ? { random: this.options.random } : {}), ...(this.options.timers ? { timers: this.options.timers } : {}), ...options, ...(WebSocket ? { WebSocket } : {}) },
    );
  }

  // --- Session. signup/login adopt the new token; logout forgets it. ---

  async signup(body: SignupBody): Promise<SessionResponse> {
    const session = await this.call<SessionResponse>({ method: 'POST', path: '/v1/auth/signup', body });
    this.tokenValue = session.token;
    return session;
  }

  async login(body: LoginBody): Promise<SessionResponse> {
    const session = await this.call<SessionResponse>({ method: 'POST', path: '/v1/auth/login', body });
    this.tokenValue = session.token;
    return session;
  }

  /** Ends this session only. */
  async logout(): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: '/v1/auth/logout' });
    this.tokenValue = undefined;
  }

  /** Ends every session of this user, on all devices (their sockets close with 4001). */
  async logoutAll(): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: '/v1/auth/logout-all' });
    this.tokenValue = undefined;
  }

  // --- My data (docs/subsystems/accounts.md). ---

  /** "Download my data" (`GET /v1/me/export`): a zip of JSON files with everything this account can read. */
  async exportMyData(): Promise<Blob> {
    return this.http.download('/v1/me/export');
  }

  // --- Me and other users. ---

  async me(): Promise<Me> {
    return (await this.call<Wire<typeof MeResponse>>({ method: 'GET', path: '/v1/me' })).user;
  }

  async updateMe(body: UpdateMeBody): Promise<Me> {
    return (await this.call<Wire<typeof MeResponse>>({ method: 'PATCH', path: '/v1/me', body })).user;
  }

  async searchUsers(q: string, opts: { limit?: number } = {}): Promise<UserSummary[]> {
    return this.users({ method: 'GET', path: '/v1/users', query: { q, limit: opts.limit } });
  }

  profile(userId: string): Promise<Profile> {
    return this.profileCall('GET', `/v1/users/${seg(userId)}`);
  }

  profileByUsername(username: string): Promise<Profile> {
    return this.profileCall('GET', `/v1/usernames/${seg(username)}`);
  }

  follow(userId: string): Promise<Profile> {
    return this.profileCall('PUT', `/v1/users/${seg(userId)}/follow`);
  }

  unfollow(userId: string): Promise<Profile> {
    return this.profileCall('DELETE', `/v1/users/${seg(userId)}/follow`);
  }

  followers(userId: string, opts: { limit?: number } = {}): Promise<UserSummary[]> {
    return this.users({ method: 'GET', path: `/v1/users/${seg(userId)}/followers`, query: { limit: opts.limit } });
  }

  following(userId: string, opts: { limit?: number } = {}): Promise<UserSummary[]> {
    return this.users({ method: 'GET', path: `/v1/users/${seg(userId)}/following`, query: { limit: opts.limit } });
  }

  block(userId: string): Promise<Profile> {
    return this.profileCall('PUT', `/v1/users/${seg(userId)}/block`);
  }

  unblock(userId: string): Promise<Profile> {
    return this.profileCall('DELETE', `/v1/users/${seg(userId)}/block`);
  }

  blocks(): Promise<UserSummary[]> {
    return this.users({ method: 'GET', path: '/v1/me/blocks' });
  }

  // --- Conversations. ---

  /** The head of this device's event stream; take it BEFORE loading state, then resume from it. */
  syncHead(): Promise<SyncHead> {
    return this.call<SyncHead>({ method: 'GET', path: '/v1/sync' });
  }

  /** A single-use, 30-second ticket to open one socket (`/v1/socket?ticket=…`); the socket fetches its own. */
  socketTicket(): Promise<SocketTicketResponse> {
    return this.call<SocketTicketResponse>({ method: 'POST', path: '/v1/socket/ticket' });
  }

  /** One page; pass the previous page's `next` as `before` for the next one. */
  listConversations(query: ConversationListQuery = {}): Promise<ConversationList> {
    return this.call<ConversationList>({ method: 'GET', path: '/v1/conversations', query: { ...query } });
  }

  getConversation(conversationId: string): Promise<Conversation> {
    return this.conversationCall({ method: 'GET', path: `/v1/conversations/${seg(conversationId)}` });
  }

  /** Get-or-create the direct conversation with `userId`. */
  /** `roomId`: messaging someone from that room's attendee list (a request then says "from <room>"). */
  openDirect(userId: string, opts: { roomId?: string } = {}): Promise<Conversation> {
    return this.conversationCall({ method: 'POST', path: '/v1/conversations/direct', body: { userId, ...(opts.roomId !== undefined ? { roomId: opts.roomId } : {}) } });
  }

  createGroup(body: CreateGroupBody): Promise<Conversation> {
    return this.conversationCall({ method: 'POST', path: '/v1/conversations/group', body });
  }

  renameGroup(conversationId: string, title: string): Promise<Conversation> {
    const body: Wire<typeof RenameBody> = { title };
    return this.conversationCall({ method: 'PATCH', path: `/v1/conversations/${seg(conversationId)}`, body });
  }

  addMembers(conversationId: string, userIds: string[]): Promise<Conversation> {
    const body: Wire<typeof AddMembersBody> = { userIds };
    return this.conversationCall({ method: 'POST', path: `/v1/conversations/${seg(conversationId)}/members`, body });
  }

  /** The people a conversation lists, one page at a time (a conversation carries only the first few); pass `next` as `after`. */
  listMembers(conversationId: string, query: MemberListQuery = {}): Promise<MemberPage> {
    return this.call<MemberPage>({ method: 'GET', path: `/v1/conversations/${seg(conversationId)}/members`, query: { ...query } });
  }

  removeMember(conversationId: string, userId: string): Promise<Conversation> {
    return this.conversationCall({ method: 'DELETE', path: `/v1/conversations/${seg(conversationId)}/members/${seg(userId)}` });
  }

  async leaveConversation(conversationId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/conversations/${seg(conversationId)}/leave` });
  }

  updateSettings(conversationId: string, body: SettingsBody): Promise<Conversation> {
    return this.conversationCall({ method: 'PATCH', path: `/v1/conversations/${seg(conversationId)}/settings`, body });
  }

  async markRead(conversationId: string, seq: number): Promise<void> {
    const body: Wire<typeof ReadBody> = { seq };
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/conversations/${seg(conversationId)}/read`, body });
  }

  /** The room the other person of a 1:1 is in now, when they show it and the requests rules allow (else `presence: null`). */
  conversationPresence(conversationId: string): Promise<PresenceResponse> {
    return this.call<PresenceResponse>({ method: 'GET', path: `/v1/conversations/${seg(conversationId)}/presence` });
  }

  /** Whether people I talk with see which room I am in. */
  presenceSettings(): Promise<PresenceSettings> {
    return this.call<PresenceSettings>({ method: 'GET', path: '/v1/me/presence' });
  }

  setPresenceSettings(body: PresenceSettings): Promise<PresenceSettings> {
    return this.call<PresenceSettings>({ method: 'PUT', path: '/v1/me/presence', body });
  }

  // --- Messages. ---

  /** One page, ascending by seq. `before` pages back; `after` pages forward. */
  history(conversationId: string, query: HistoryQuery = {}): Promise<MessagePage> {
    return this.call<MessagePage>({ method: 'GET', path: `/v1/conversations/${seg(conversationId)}/messages`, query: { ...query } });
  }

  /**
   * Sends once, retrying with the SAME clientMessageId on network errors and 503 until the outcome
   * is definite or attempts run out (RELIABILITY.md, Delivery). 4xx errors are thrown at once.
   * A retry the server already committed returns the original message (HTTP 200 instead of 201).
   */
  async sendMessage(conversationId: string, body: SendMessageBody, opts: { signal?: AbortSignal } = {}): Promise<Message> {
    const req: HttpRequest = { method: 'POST', path: `/v1/conversations/${seg(conversationId)}/messages`, body };
    if (opts.signal) req.signal = opts.signal;
    const res = await withRetries(() => this.http.request<Wire<typeof MessageResponse>>(req), this.sendRetry, {
      random: this.options.random ?? Math.random,
      timers: this.options.timers ?? realTimers,
      signal: opts.signal,
    });
    return res.body.message;
  }

  /** Uploads an image (typed by its bytes, re-encoded by the server); send it with `attachments: [upload.id]`. */
  async uploadImage(bytes: Blob | Uint8Array, opts: { signal?: AbortSignal } = {}): Promise<Attachment> {
    return (await this.call<Wire<typeof UploadResponse>>({ method: 'POST', path: '/v1/uploads', rawBody: bytes, ...(opts.signal ? { signal: opts.signal } : {}) })).upload;
  }

  /** A media token to append to attachment URLs as `?t=` (valid 15 minutes, bound to you). */
  async mediaToken(): Promise<{ token: string; expiresAt: string }> {
    return this.call<Wire<typeof MediaTokenResponse>>({ method: 'GET', path: '/v1/media/token' });
  }

  /** Removes the link previews of your own message, for everyone (members get `message.updated`). */
  async removePreviews(conversationId: string, messageId: string): Promise<Message> {
    return (await this.call<Wire<typeof MessageResponse>>({ method: 'DELETE', path: `/v1/conversations/${seg(conversationId)}/messages/${seg(messageId)}/previews` })).message;
  }

  /**
   * Loads the messages strictly between `afterSeq` and `beforeSeq` (a gap from `findGaps`), paging
   * forward until the gap is closed or the server has no more. Merge the result with mergeMessages.
   */
  async fillGap(conversationId: string, afterSeq: number, beforeSeq: number): Promise<Message[]> {
    const found: Message[] = [];
    let after = afterSeq;
    while (after + 1 < beforeSeq) {
      const limit = Math.min(LIMITS.pageMax, beforeSeq - after - 1);
      // Page forward from `after`; the server takes one direction per request, and `limit` keeps
      // the page inside the gap.
      const page = await this.history(conversationId, { after, limit });
      const inGap = page.messages.filter((m) => m.seq > after && m.seq < beforeSeq);
      found.push(...inGap);
      const last = inGap[inGap.length - 1]?.seq;
      // Stop when the server has nothing more, or made no progress (never loop on a bad page).
      if (!page.hasMore || last === undefined || last <= after) break;
      after = last;
    }
    return found;
  }

  // --- Requests inbox, reports, moderation (docs/subsystems/message-requests.md). `conversationId`
  // names the request. Delete, block and report are silent to the sender. ---

  /** Pending requests (each with `request` trust context) and their count. */
  listRequests(opts: RequestListQuery = {}): Promise<RequestList> {
    return this.call<RequestList>({ method: 'GET', path: '/v1/requests', query: { ...opts } });
  }

  acceptRequest(conversationId: string): Promise<Conversation> {
    return this.conversationCall({ method: 'POST', path: `/v1/requests/${seg(conversationId)}/accept` });
  }

  async deleteRequest(conversationId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/requests/${seg(conversationId)}/delete` });
  }

  async blockRequest(conversationId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/requests/${seg(conversationId)}/block` });
  }

  /** Report and block in one step. */
  async reportRequest(conversationId: string, body: ReportRequestBody): Promise<ReportReceipt> {
    return (await this.call<Wire<typeof ReportReceiptResponse>>({ method: 'POST', path: `/v1/requests/${seg(conversationId)}/report`, body })).report;
  }

  /** Deletes every pending request, or only those from accounts younger than N days; returns how many. */
  async deleteAllRequests(body: BulkDeleteRequestsBody = {}): Promise<number> {
    return (await this.call<BulkDeleteResponse>({ method: 'POST', path: '/v1/requests/delete-all', body })).deleted;
  }

  /** Idempotent per reporter and target: reporting again returns the first report. */
  async report(body: CreateReportBody): Promise<ReportReceipt> {
    return (await this.call<Wire<typeof ReportReceiptResponse>>({ method: 'POST', path: '/v1/reports', body })).report;
  }

  /** Takes my report back while the receipt's `withdrawableUntil` has not passed (`conflict` after). */
  async withdrawReport(reportId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'DELETE', path: `/v1/reports/${seg(reportId)}` });
  }

  /** Edits my message (within the edit window); the same text again changes nothing. */
  async editMessage(conversationId: string, messageId: string, text: string): Promise<Message> {
    return (await this.call<Wire<typeof MessageResponse>>({ method: 'PATCH', path: messagePath(conversationId, messageId), body: { text } })).message;
  }

  /** Unsends for everyone (mine within the unsend window, any as the group moderator); idempotent. */
  async unsendMessage(conversationId: string, messageId: string): Promise<Message> {
    return (await this.call<Wire<typeof MessageResponse>>({ method: 'POST', path: `${messagePath(conversationId, messageId)}/unsend` })).message;
  }

  /** Sets whether I reacted with `emoji`; answers the message's reactions as I see them. */
  async react(conversationId: string, messageId: string, emoji: string, reacted: boolean): Promise<Reaction[]> {
    return (await this.call<ReactionsResponse>({ method: 'POST', path: `${messagePath(conversationId, messageId)}/reactions`, body: { emoji, reacted } })).reactions;
  }

  /** Delete for me: hides the message on all my devices (they get `message.hidden`). */
  async hideMessage(conversationId: string, messageId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `${messagePath(conversationId, messageId)}/hide` });
  }

  /** Keep for reporting: a copy an unsend does not erase, seen only by operators handling my report. */
  async keepMessage(conversationId: string, messageId: string): Promise<KeepResponse> {
    return this.call<KeepResponse>({ method: 'POST', path: `${messagePath(conversationId, messageId)}/keep` });
  }

  /** Operators only (role `operator`). */
  async moderationReports(query: ReportListQuery = {}): Promise<Report[]> {
    return (await this.call<ReportList>({ method: 'GET', path: '/v1/moderation/reports', query: { ...query } })).reports;
  }

  async moderationReport(reportId: string): Promise<Report> {
    return (await this.call<Wire<typeof ReportResponse>>({ method: 'GET', path: `/v1/moderation/reports/${seg(reportId)}` })).report;
  }

  async dismissReport(reportId: string, body: ModerationActionBody = {}): Promise<Report> {
    return (await this.call<Wire<typeof ReportResponse>>({ method: 'POST', path: `/v1/moderation/reports/${seg(reportId)}/dismiss`, body })).report;
  }

  /** Replaces the message with a tombstone for everyone (members get `message.removed`). */
  async removeMessage(messageId: string, body: ModerationActionBody = {}): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/moderation/messages/${seg(messageId)}/remove`, body });
  }

  /** Suspends the account: its sessions end at once and its sockets close with 4001. */
  async suspendUser(userId: string, body: ModerationActionBody = {}): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/moderation/users/${seg(userId)}/suspend`, body });
  }

  async moderationAudit(opts: { limit?: number } = {}): Promise<AuditEntry[]> {
    return (await this.call<AuditList>({ method: 'GET', path: '/v1/moderation/audit', query: { ...opts } })).entries;
  }

  /** Operators: delete an account, as self-service deletion does; audited. */
  async deleteUser(userId: string, body: ModerationActionBody = {}): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: `/v1/moderation/users/${seg(userId)}/delete`, body });
  }

  // --- API tokens (docs/api/tokens.md): only a logged-in session manages them. ---

  /** The answer's `token` is the secret, shown this once: `new BackchannelClient({ baseUrl, token })` uses it. */
  createApiToken(body: CreateTokenBody): Promise<CreatedTokenResponse> {
    return this.call<CreatedTokenResponse>({ method: 'POST', path: '/v1/me/tokens', body });
  }

  async listApiTokens(): Promise<ApiToken[]> {
    return (await this.call<TokenList>({ method: 'GET', path: '/v1/me/tokens' })).tokens;
  }

  async revokeApiToken(tokenId: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'DELETE', path: `/v1/me/tokens/${seg(tokenId)}` });
  }

  // --- The account (docs/subsystems/accounts.md). `GET /v1/me/export` is a zip download, not a JSON call. ---

  /** Deletes my account (the password again); every session ends, this client's token included. */
  async deleteAccount(password: string): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: '/v1/me/delete', body: { password } });
    this.tokenValue = undefined;
  }

  /** A new password with the one-time token of `admin reset-password`; every session ends. */
  async resetPassword(body: { token: string; password: string }): Promise<void> {
    await this.call<Wire<typeof Ok>>({ method: 'POST', path: '/v1/auth/reset-password', body });
  }

  private async call<T>(req: HttpRequest): Promise<T> {
    return (await this.http.request<T>(req)).body;
  }

  private async profileCall(method: 'GET' | 'PUT' | 'DELETE', path: string): Promise<Profile> {
    return (await this.call<Wire<typeof ProfileResponse>>({ method, path })).profile;
  }

  private async users(req: HttpRequest): Promise<UserSummary[]> {
    return (await this.call<UserList>(req)).users;
  }

  private async conversationCall(req: HttpRequest): Promise<Conversation> {
    return (await this.call<Wire<typeof ConversationResponse>>(req)).conversation;
  }
}

const messagePath = (conversationId: string, messageId: string) => `/v1/conversations/${seg(conversationId)}/messages/${seg(messageId)}`;
