/**
 * The one client interface every workload drives. Backchannel (raw frames over `ws`) and the
 * reference peers (ejabberd over XMPP-on-WebSocket) implement it, so a workload runs the same code
 * against both and the comparison is like for like. Everything here is plain data: it crosses
 * process boundaries (coordinator → worker) as JSON.
 */

/** A user the driver created during setup; `secret` is a session token or a password. */
export interface BenchUser {
  index: number;
  id: string;
  name: string;
  secret: string;
}

/** A conversation (1:1 or small group) with its members as user indexes. */
export interface BenchConversation {
  index: number;
  /** The server's id (Backchannel conversation id, or the peer's bare JID for a 1:1). */
  id: string;
  members: number[];
  /** For peers that address 1:1 messages to a user rather than a conversation: user index → address. */
  addressFor?: Record<number, string>;
}

export interface ReceivedMessage {
  conversationId: string;
  clientMessageId: string;
  text: string;
  /** Per-conversation sequence when the server has one (Backchannel), else null. */
  seq: number | null;
}

/** A live room (Backchannel room id, or the peer's MUC room JID). */
export interface BenchRoom {
  id: string;
}

export interface ClientHandlers {
  onMessage(msg: ReceivedMessage): void;
  /**
   * A room chat message (`conversationId` is the room id; `seq` the room event seq where the server
   * has one). Listeners receive thousands per second: drivers pass the text through unparsed.
   */
  onRoomMessage?(msg: ReceivedMessage): void;
  /** The server ended the connection (not our own close). */
  onClose(reason: string): void;
  /** An error the server reported outside a send's answer (e.g. a bounced XMPP message). */
  onError(reason: string): void;
}

/** What a `resume` answered: how far the stream goes and how many events the catch-up replayed. */
export interface ResumeResult {
  /** Opaque (Backchannel's stream cursor token). */
  cursor: string;
  replayed: number;
}

export interface BenchClient {
  /** Resolves when the server acknowledged the send as durable; rejects on an error answer. */
  send(conversation: BenchConversation, clientMessageId: string, text: string): Promise<void>;
  /** Latest stream position the client processed (Backchannel cursor; null where there is none). */
  cursor(): string | null;
  /** Joins the room and starts receiving its chat on this socket; resolves when the server confirmed. */
  joinRoom(room: BenchRoom): Promise<void>;
  /** Resolves when the server accepted the chat message (Backchannel: durable ack; MUC: the reflection). */
  sendRoom(room: BenchRoom, clientMessageId: string, text: string): Promise<void>;
  close(): void;
}

export interface ConnectOptions {
  /** Resume from this cursor (null = live from now). Ignored by peers without resume. */
  resumeFrom?: string | null;
  /** Called when the catch-up of a resume is complete (`ready`). */
  onReady?(r: ResumeResult): void;
  timeoutMs: number;
  /**
   * The socket only joins rooms and receives (room listeners): a driver may use a leaner client
   * that cannot send messages (Backchannel: drivers/backchannel/leanSocket.ts). Live from now.
   */
  listenerOnly?: boolean;
}

/** Worker-side: opens connections. */
export interface ClientFactory {
  connect(user: BenchUser, handlers: ClientHandlers, opts: ConnectOptions): Promise<BenchClient>;
}

export interface SetupPlan {
  users: number;
  /** Each inner array is one conversation's members (user indexes); length 2 = 1:1. */
  conversations: number[][];
  /** Max concurrent setup requests. */
  concurrency: number;
  deadlineMs: number;
}

export interface SetupResult {
  users: BenchUser[];
  conversations: BenchConversation[];
  setupMs: number;
}

/** Coordinator-side: creates users and conversations through the server's public API. */
export interface Provisioner {
  setup(plan: SetupPlan, onProgress?: (done: number, total: number) => void): Promise<SetupResult>;
  /** Starts an open room with `host` as its host; everyone may join and chat. */
  createRoom(host: BenchUser, title: string): Promise<BenchRoom>;
}

export type DriverName = 'backchannel' | 'ejabberd';
