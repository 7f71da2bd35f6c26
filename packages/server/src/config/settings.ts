/**
 * Every setting, in one table: its environment variable, config-file key, type, default and
 * meaning. `docs/configuration.md` is generated from this table (`npm run docs:config`) and a test
 * fails when they drift.
 */
export type SettingType = 'string' | 'int' | 'bool' | 'enum' | 'list';

export interface SettingDef {
  env: string;
  type: SettingType;
  default: string | number | boolean | string[] | null;
  values?: readonly string[];
  min?: number;
  max?: number;
  doc: string;
}

export const SETTINGS = {
  port: { env: 'PORT', type: 'int', default: 8080, min: 0, max: 65535, doc: 'TCP port to listen on (0 picks a free one).' },
  host: { env: 'HOST', type: 'string', default: '127.0.0.1', doc: 'Address to listen on. Use 0.0.0.0 behind a load balancer.' },
  dataDir: { env: 'BACKCHANNEL_DATA_DIR', type: 'string', default: './data', doc: 'Directory of the embedded SQLite database.' },
  databaseUrl: { env: 'BACKCHANNEL_DATABASE_URL', type: 'string', default: null, doc: '`postgres://…` selects PostgreSQL instead of embedded SQLite.' },
  natsUrl: { env: 'BACKCHANNEL_NATS_URL', type: 'string', default: null, doc: '`nats://…` enables NATS fan-out between nodes.' },
  natsSubjectPrefix: { env: 'BACKCHANNEL_NATS_SUBJECT_PREFIX', type: 'string', default: 'backchannel', doc: 'NATS subject prefix shared by the nodes of one deployment (several deployments can share a NATS server).' },
  unsafeRelaxedDurability: {
    env: 'BACKCHANNEL_UNSAFE_RELAXED_DURABILITY',
    type: 'bool',
    default: false,
    doc: 'Lowers SQLite to synchronous=NORMAL / allows PostgreSQL synchronous_commit=off. Acknowledged messages may be lost on power failure.',
  },
  signupMode: { env: 'BACKCHANNEL_SIGNUP_MODE', type: 'enum', values: ['open', 'invite'], default: 'open', doc: '`invite` requires an invite code (create them with `npm run admin -- invite`).' },
  allowedOrigins: {
    env: 'BACKCHANNEL_ALLOWED_ORIGINS',
    type: 'list',
    default: [],
    doc: 'Comma-separated Origins allowed to open the WebSocket. The server\'s own origin (http://localhost:PORT, http://127.0.0.1:PORT) is always allowed; clients that send no Origin (bots, SDK in Node) are allowed.',
  },
  logLevel: { env: 'BACKCHANNEL_LOG_LEVEL', type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', doc: 'Log level (pino).' },
  publicUrl: { env: 'BACKCHANNEL_PUBLIC_URL', type: 'string', default: null, doc: 'The address people open, e.g. `https://chat.example.org` (no trailing slash): used in links the admin CLI prints (`reset-password`). With an `https://` address the server also sends HSTS.' },
  webDir: { env: 'BACKCHANNEL_WEB_DIR', type: 'string', default: null, doc: 'Directory of the built web app to serve at `/` (default: packages/web/dist when present).' },
  groupMaxMembers: { env: 'BACKCHANNEL_GROUP_MAX_MEMBERS', type: 'int', default: 15, min: 2, max: 1000, doc: 'Largest group conversation, creator included.' },
  sessionTtlDays: { env: 'BACKCHANNEL_SESSION_TTL_DAYS', type: 'int', default: 90, min: 1, max: 3650, doc: 'A device session expires after this many days.' },
  hashConcurrency: { env: 'BACKCHANNEL_HASH_CONCURRENCY', type: 'int', default: 2, min: 1, max: 64, doc: 'Password hashes computed at once; more wait in line (protects the CPU from login floods).' },
  hashQueueMax: { env: 'BACKCHANNEL_HASH_QUEUE_MAX', type: 'int', default: 200, min: 1, max: 100000, doc: 'Password hashes allowed to wait; beyond it sign-up/login answer 503 with retry-after.' },
  heartbeatMs: { env: 'BACKCHANNEL_HEARTBEAT_MS', type: 'int', default: 25000, min: 1000, max: 600000, doc: 'WebSocket ping interval; a socket that misses two is closed.' },
  maxFrameBytes: { env: 'BACKCHANNEL_MAX_FRAME_BYTES', type: 'int', default: 131072, min: 1024, max: 16777216, doc: 'Largest WebSocket frame accepted (close 1009 beyond).' },
  maxQueuedBytes: { env: 'BACKCHANNEL_SOCKET_MAX_QUEUED_BYTES', type: 'int', default: 4194304, min: 65536, max: 1073741824, doc: 'Bytes queued to one socket before it is closed as a slow consumer (4009).' },
  resumeMaxEvents: { env: 'BACKCHANNEL_RESUME_MAX_EVENTS', type: 'int', default: 20000, min: 100, max: 10000000, doc: 'A resume that would replay more events than this answers `resume_failed` (the client re-syncs over HTTP).' },
  maxSocketsPerUser: { env: 'BACKCHANNEL_MAX_SOCKETS_PER_USER', type: 'int', default: 20, min: 1, max: 10000, doc: 'Open sockets per user; the oldest is closed (4011) beyond it.' },
  socketOpsPerMinute: {
    env: 'BACKCHANNEL_SOCKET_OPS_PER_MINUTE',
    type: 'int',
    default: 240,
    min: 10,
    max: 10000000,
    doc: 'Ops per socket per minute (a bucket of this size that refills at this rate) before `rate_limited`; a socket that keeps going is closed (4008). Why 240: a very active person sends well under 100 ops a minute (the SDK pings ~5 times, typing goes out at most every 3 s, plus sends and read marks), and Discord allows 120 gateway sends per 60 s per session, Slack about one message a second with short bursts, the optional Mattermost API limit 10 a second with bursts of 100; 240 leaves a person twice the headroom of Discord while a scripted flood hits it within a second. Load tests raise it.',
  },
  userWritesPerMinute: { env: 'BACKCHANNEL_USER_WRITES_PER_MINUTE', type: 'int', default: 3000, min: 10, max: 10000000, doc: 'Writes (sends, edits, follows…) per user per minute across devices.' },
  authAttemptsPerMinute: { env: 'BACKCHANNEL_AUTH_ATTEMPTS_PER_MINUTE', type: 'int', default: 20, min: 1, max: 100000, doc: 'Log-in / sign-up attempts per IP and per account per minute.' },
  requestExtraMessages: { env: 'BACKCHANNEL_REQUEST_EXTRA_MESSAGES', type: 'int', default: 3, min: 0, max: 100, doc: 'Messages a sender may add to a 1:1 request after the first while it is pending; more answer `request_pending`.' },
  requestMessageMaxChars: { env: 'BACKCHANNEL_REQUEST_MESSAGE_MAX_CHARS', type: 'int', default: 1000, min: 1, max: 4000, doc: 'Longest message a sender may send while their request is pending (413 `too_large` beyond).' },
  requestDailyBudget: { env: 'BACKCHANNEL_REQUEST_DAILY_BUDGET', type: 'int', default: 20, min: 1, max: 100000, doc: 'New requests (to people who do not follow the sender) per sender per 24 h; beyond it `request_budget` (429).' },
  requestDailyBudgetNewAccount: { env: 'BACKCHANNEL_REQUEST_DAILY_BUDGET_NEW_ACCOUNT', type: 'int', default: 5, min: 1, max: 100000, doc: 'The daily request budget of accounts younger than `requestNewAccountDays`.' },
  requestNewAccountDays: { env: 'BACKCHANNEL_REQUEST_NEW_ACCOUNT_DAYS', type: 'int', default: 7, min: 0, max: 3650, doc: 'Accounts younger than this get the lower request budget.' },
  requestsPerMinute: { env: 'BACKCHANNEL_REQUESTS_PER_MINUTE', type: 'int', default: 5, min: 1, max: 100000, doc: 'New requests per sender per minute (a burst cap under the daily budget); beyond it `rate_limited`.' },
  requestExpiryDays: { env: 'BACKCHANNEL_REQUEST_EXPIRY_DAYS', type: 'int', default: 30, min: 1, max: 3650, doc: 'A request unanswered this long is removed from the recipient\'s Requests.' },
  reportWithdrawSeconds: { env: 'BACKCHANNEL_REPORT_WITHDRAW_SECONDS', type: 'int', default: 300, min: 0, max: 86400, doc: 'How long after filing a report its reporter may withdraw it (`DELETE /v1/reports/{id}`, the app\'s Undo) while no operator has acted; 0 turns withdrawal off.' },
  messageEditMinutes: { env: 'BACKCHANNEL_MESSAGE_EDIT_MINUTES', type: 'int', default: 15, min: 0, max: 525600, doc: 'How long after sending its author may edit a message (`too_late` after); 0 turns editing off (docs/subsystems/messages.md).' },
  messageUnsendHours: { env: 'BACKCHANNEL_MESSAGE_UNSEND_HOURS', type: 'int', default: 24, min: 0, max: 87600, doc: 'How long after sending its author may unsend a message for everyone (`too_late` after); 0 turns unsending off. Group moderators may remove others\' messages at any time.' },
  reactionsPerMinute: { env: 'BACKCHANNEL_REACTIONS_PER_MINUTE', type: 'int', default: 60, min: 1, max: 100000, doc: 'Reaction toggles per user per minute (HTTP and socket together) before `rate_limited`.' },
  safetyActionsPerMinute: { env: 'BACKCHANNEL_SAFETY_ACTIONS_PER_MINUTE', type: 'int', default: 60, min: 1, max: 100000, doc: 'Request actions (accept, delete, block, report) and reports per user per minute.' },
  roomEndGraceSeconds: { env: 'BACKCHANNEL_ROOM_END_GRACE_SECONDS', type: 'int', default: 120, min: 1, max: 86400, doc: 'A live room whose hosts and moderators have all been gone this long ends (docs/subsystems/rooms.md).' },
  roomPresenceGraceSeconds: { env: 'BACKCHANNEL_ROOM_PRESENCE_GRACE_SECONDS', type: 'int', default: 30, min: 1, max: 3600, doc: 'A person whose last socket subscribed to a room closed this long ago leaves the room (room for a reload or a network switch). Nodes vouch for their listeners at this interval; presence nobody vouched for in three intervals ends.' },
  roomChatDefaultOn: { env: 'BACKCHANNEL_ROOM_CHAT_DEFAULT_ON', type: 'bool', default: true, doc: 'Whether the chat of a new room starts on (its host can switch it at any time).' },
  roomCountsIntervalMs: { env: 'BACKCHANNEL_ROOM_COUNTS_INTERVAL_MS', type: 'int', default: 1000, min: 50, max: 60000, doc: 'At most one `room.counts` frame per room per this interval, however many people join or leave meanwhile.' },
  roomQaVotesIntervalMs: { env: 'BACKCHANNEL_ROOM_QA_VOTES_INTERVAL_MS', type: 'int', default: 500, min: 50, max: 60000, doc: 'At most one `room.qa_votes` frame per room per this interval, carrying every Q&A vote count that changed meanwhile (a vote storm is a few frames per listener, not one per vote).' },
  roomQaOpenQuestions: { env: 'BACKCHANNEL_ROOM_QA_OPEN_QUESTIONS', type: 'int', default: 3, min: 1, max: 1000, doc: 'Open questions (pending or on stage) one person may have in a room before `qa_open_limit`.' },
  roomQaQuestionIntervalSeconds: { env: 'BACKCHANNEL_ROOM_QA_QUESTION_INTERVAL_SECONDS', type: 'int', default: 30, min: 0, max: 86400, doc: 'At least this long between one person\'s questions in a room (`rate_limited` with `retryAfterMs` sooner).' },
  roomFlushMs: { env: 'BACKCHANNEL_ROOM_FLUSH_MS', type: 'int', default: 100, min: 0, max: 1000, doc: 'Room event frames leave for a socket at most once per this interval (several room messages in one write; other frames are never held). At 0 every event-loop turn writes.' },
  roomHandsPerMinute: { env: 'BACKCHANNEL_ROOM_HANDS_PER_MINUTE', type: 'int', default: 30, min: 1, max: 100000, doc: 'Hand raises/lowers per person per minute (HTTP and socket together) before `rate_limited`.' },
  metInRoomDays: { env: 'BACKCHANNEL_MET_IN_ROOM_DAYS', type: 'int', default: 30, min: 1, max: 3650, doc: 'People who were in a room together count as having met for this many days (requests\' trust context, the "people from rooms I was in" setting of who can message me); room participation records are kept as long, then pruned (hourly job).' },
  roomSweepIntervalMs: { env: 'BACKCHANNEL_ROOM_SWEEP_INTERVAL_MS', type: 'int', default: 5000, min: 0, max: 600000, doc: 'How often the rooms sweep runs, as a recurring job on one node at a time (ends rooms left without a host or moderator, presence no node vouches for, old replays); 0 turns it off (tests drive it by hand).' },
  roomChatRetentionDays: { env: 'BACKCHANNEL_ROOM_CHAT_RETENTION_DAYS', type: 'int', default: 0, min: 0, max: 36500, doc: 'The chat of an ended room stays readable (the replay) this many days, then is deleted; 0 keeps it.' },
  roomsMode: {
    env: 'BACKCHANNEL_ROOMS_MODE',
    type: 'enum',
    values: ['builtin', 'external'],
    default: 'builtin',
    doc: '`builtin`: our room model is the source of truth (a standalone install). `external`: the platform\'s audio service reports room lifecycle, participants and roles through signed webhooks (`POST /v1/integrations/audio/events`) and the rooms follow it; people cannot start or end rooms or change roles here (`room_managed_externally`). See docs/subsystems/rooms.md, "Two modes".',
  },
  audioWebhookSecret: { env: 'BACKCHANNEL_AUDIO_WEBHOOK_SECRET', type: 'string', default: null, doc: 'External rooms mode: the current shared secret the audio service signs its webhooks with (at least 32 characters; required in `external` mode). Never logged.' },
  audioWebhookPreviousSecret: {
    env: 'BACKCHANNEL_AUDIO_WEBHOOK_PREVIOUS_SECRET',
    type: 'string',
    default: null,
    doc: 'External rooms mode: the secret being rotated out, still accepted until you unset it. Rotate: set the new secret as current and the old one here, switch the audio service to the new one, then unset this.',
  },
  audioWebhookMaxSkewSeconds: { env: 'BACKCHANNEL_AUDIO_WEBHOOK_MAX_SKEW_SECONDS', type: 'int', default: 300, min: 1, max: 3600, doc: 'A webhook whose signed timestamp is further than this from our clock (either way) is refused (`stale_timestamp`), so a captured request cannot be replayed later.' },
  jobsPollMs: {
    env: 'BACKCHANNEL_JOBS_POLL_MS',
    type: 'int',
    default: 1000,
    min: 0,
    max: 600000,
    doc: 'How often this node looks for due background jobs (request expiry and other sweeps; later link previews, media, push), docs/subsystems/jobs.md. Nodes share one jobs table and never run a job twice. 0: this node runs no jobs.',
  },
  jobsConcurrency: { env: 'BACKCHANNEL_JOBS_CONCURRENCY', type: 'int', default: 4, min: 1, max: 256, doc: 'Background job attempts running at once on this node.' },
  requestExpirySweepMinutes: { env: 'BACKCHANNEL_REQUEST_EXPIRY_SWEEP_MINUTES', type: 'int', default: 10, min: 1, max: 1440, doc: 'How often the request-expiry sweep runs (a recurring job, on one node of the deployment at a time).' },
  linkPreviews: { env: 'BACKCHANNEL_LINK_PREVIEWS', type: 'bool', default: true, doc: 'Fetch link previews (a background job after the message commits, docs/subsystems/links.md). Off: links stay plain, nothing is fetched.' },
  linkPreviewsPerMessage: { env: 'BACKCHANNEL_LINK_PREVIEWS_PER_MESSAGE', type: 'int', default: 1, min: 1, max: 3, doc: 'Previews per message: its first links, in text order.' },
  linkPreviewPorts: { env: 'BACKCHANNEL_LINK_PREVIEW_PORTS', type: 'list', default: ['80', '443'], doc: 'Ports a previewed URL (and every redirect and image URL) may name.' },
  linkPreviewDenyDomains: { env: 'BACKCHANNEL_LINK_PREVIEW_DENY_DOMAINS', type: 'list', default: [], doc: 'Domains never fetched for previews (a domain covers its subdomains).' },
  linkPreviewAllowDomains: { env: 'BACKCHANNEL_LINK_PREVIEW_ALLOW_DOMAINS', type: 'list', default: [], doc: 'When set, only these domains (and their subdomains) are fetched for previews.' },
  linkPreviewAllowAddresses: {
    env: 'BACKCHANNEL_LINK_PREVIEW_ALLOW_ADDRESSES',
    type: 'list',
    default: [],
    doc: 'CIDR ranges exempted from the preview fetcher\'s address checks (which refuse loopback, private, link-local, CGNAT, multicast, reserved and IPv4-embedding IPv6 addresses). Empty in production; the tests allow their loopback fixture server with it.',
  },
  linkPreviewTimeoutMs: { env: 'BACKCHANNEL_LINK_PREVIEW_TIMEOUT_MS', type: 'int', default: 8000, min: 100, max: 60000, doc: 'Total deadline of one preview fetch (page or image), redirects and body included.' },
  linkPreviewMaxRedirects: { env: 'BACKCHANNEL_LINK_PREVIEW_MAX_REDIRECTS', type: 'int', default: 3, min: 0, max: 10, doc: 'Redirects a preview fetch follows, each checked again.' },
  linkPreviewMaxPageBytes: { env: 'BACKCHANNEL_LINK_PREVIEW_MAX_PAGE_BYTES', type: 'int', default: 1048576, min: 1024, max: 16777216, doc: 'Largest page read for a preview (after decompression); a larger one gives no preview.' },
  linkPreviewMaxImageBytes: { env: 'BACKCHANNEL_LINK_PREVIEW_MAX_IMAGE_BYTES', type: 'int', default: 5242880, min: 1024, max: 67108864, doc: 'Largest preview image read (after decompression); a larger one gives a card without image.' },
  linkPreviewCacheHours: { env: 'BACKCHANNEL_LINK_PREVIEW_CACHE_HOURS', type: 'int', default: 24, min: 0, max: 8760, doc: 'How long a fetched preview is reused for the same normalized URL (a page with no preview: a tenth of it).' },
  linkPreviewUserAgent: { env: 'BACKCHANNEL_LINK_PREVIEW_USER_AGENT', type: 'string', default: 'BackchannelLinkPreview/0.1 (fetches one preview per link sent in a chat message)', doc: 'User-Agent of preview fetches.' },
  messageRetentionDays: {
    env: 'BACKCHANNEL_MESSAGE_RETENTION_DAYS',
    type: 'int',
    default: 0,
    min: 0,
    max: 36500,
    doc: 'Delete messages older than this many days (an hourly job, docs/subsystems/accounts.md "Retention"); 0 keeps them forever. `npm run admin -- retention --dry-run` counts what would go. Room chat has its own setting (roomChatRetentionDays).',
  },
  sessionRecheckSeconds: {
    env: 'BACKCHANNEL_SESSION_RECHECK_SECONDS',
    type: 'int',
    default: 15,
    min: 0,
    max: 3600,
    doc: 'How often each node checks that the sessions of its open sockets are still live, and closes the others (4001): sessions revoked by the admin CLI (suspend, delete-user, reset-password), expired, or of suspended accounts. Revocations made through the server close sockets at once; 0 turns the check off.',
  },
  uploadMaxImageBytes: { env: 'BACKCHANNEL_UPLOAD_MAX_IMAGE_BYTES', type: 'int', default: 20971520, min: 1024, max: 268435456, doc: 'Largest image upload; the upload is refused (413) as soon as more bytes arrive, before the rest is read.' },
  uploadMaxImagePixels: { env: 'BACKCHANNEL_UPLOAD_MAX_IMAGE_PIXELS', type: 'int', default: 50000000, min: 1000, max: 1000000000, doc: 'Largest image by its header (width × height × frames); a larger one is refused before any pixel is decoded (decompression bombs).' },
  uploadImageMaxSide: { env: 'BACKCHANNEL_UPLOAD_IMAGE_MAX_SIDE', type: 'int', default: 2048, min: 64, max: 8192, doc: 'Longest side of the image we keep and serve (re-encoded, metadata stripped).' },
  uploadsPerMinute: { env: 'BACKCHANNEL_UPLOADS_PER_MINUTE', type: 'int', default: 30, min: 1, max: 100000, doc: 'Uploads per user per minute (across devices, per node) before `rate_limited`.' },
  shutdownGraceMs: { env: 'BACKCHANNEL_SHUTDOWN_GRACE_MS', type: 'int', default: 10000, min: 0, max: 600000, doc: 'How long graceful shutdown waits for in-flight requests.' },
} as const satisfies Record<string, SettingDef>;

export type SettingKey = keyof typeof SETTINGS;
