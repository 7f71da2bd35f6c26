/**
 * PostgreSQL schema, applied in order at start under an advisory lock (several nodes may start at
 * once). Never edit a shipped migration; add a new one. Same logical schema as SQLite
 * (storage/sqlite/migrations.ts), with BIGINT positions and times.
 *
 * Distribution (Citus-style, see docs/deploy/cluster.md and docs/adr/0003-*): every table that grows
 * with traffic is keyed by `conversation_id` first, and every unique key on those tables includes
 * it, so they can become distributed tables co-located on `conversation_id`:
 *   conversations(id) · members · messages · member_periods · direct_pairs → by conversation id.
 * users, sessions, invites, follows, blocks are small and keyed by user; they stay on the
 * coordinator or become reference tables. The one-per-pair rule of 1:1s lives in `direct_pairs`
 * (keyed by the pair, not by conversation) so `conversations` needs no unique key of its own.
 * `events` is the global, gapless log every node follows; `event_head` is its single counter row
 * (the serialization point of commit order, ADR 0003).
 * Ids use the "C" collation: byte order, the same as SQLite, and cheaper to compare.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the messaging core */ `
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY,
  username TEXT NOT NULL,
  username_lower TEXT COLLATE "C" NOT NULL CONSTRAINT users_username_unique UNIQUE,
  display_name TEXT NOT NULL,
  display_lower TEXT COLLATE "C" NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  roles TEXT NOT NULL DEFAULT '[]',
  who_can_message TEXT NOT NULL DEFAULT 'everyone',
  suspended_at BIGINT
);
-- Prefix search (LIKE 'ab%') on both names uses these btrees thanks to the "C" collation.
CREATE INDEX users_display_lower ON users (display_lower);
CREATE TABLE sessions (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id),
  token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE TABLE invites (
  code TEXT COLLATE "C" CONSTRAINT invites_code_unique PRIMARY KEY,
  created_at BIGINT NOT NULL, used_by TEXT, used_at BIGINT
);
CREATE TABLE follows (
  follower_id TEXT COLLATE "C" NOT NULL, followee_id TEXT COLLATE "C" NOT NULL, created_at BIGINT NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee ON follows (followee_id, follower_id);
CREATE TABLE blocks (
  blocker_id TEXT COLLATE "C" NOT NULL, blocked_id TEXT COLLATE "C" NOT NULL, created_at BIGINT NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
);
-- Distributed by id (= conversation id).
CREATE TABLE conversations (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT,
  moderator_id TEXT,
  direct_key TEXT COLLATE "C",
  last_seq BIGINT NOT NULL DEFAULT 0,
  last_activity_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
-- One 1:1 per pair. Keyed (and, distributed, sharded) by the pair so the unique check is local.
CREATE TABLE direct_pairs (
  direct_key TEXT COLLATE "C" CONSTRAINT direct_pairs_unique PRIMARY KEY,
  conversation_id TEXT COLLATE "C" NOT NULL
);
-- Distributed by conversation_id.
CREATE TABLE members (
  conversation_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  folder TEXT NOT NULL,
  read_seq BIGINT NOT NULL DEFAULT 0,
  muted BOOLEAN NOT NULL DEFAULT false,
  pinned BOOLEAN NOT NULL DEFAULT false,
  archived BOOLEAN NOT NULL DEFAULT false,
  added_by TEXT,
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX members_user ON members (user_id);
-- When a user could see a conversation's events: (from_pos, to_pos]. A new row per re-join.
-- Distributed by conversation_id (co-located with events of the same conversation).
CREATE TABLE member_periods (
  conversation_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  from_pos BIGINT NOT NULL,
  to_pos BIGINT,
  PRIMARY KEY (conversation_id, user_id, from_pos)
);
CREATE INDEX member_periods_user ON member_periods (user_id, conversation_id);
-- Distributed by conversation_id; every unique key includes it.
CREATE TABLE messages (
  conversation_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  sender_id TEXT COLLATE "C" NOT NULL,
  client_message_id TEXT COLLATE "C",
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  system TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, id)
);
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, sender_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
-- The outbox and every device's stream: a conversation event (user_id NULL) is stored once and read
-- by every member through member_periods; a user event (user_id set) by that user only.
-- pos is assigned at COMMIT from event_head, so it is gapless and in commit order across nodes.
CREATE TABLE events (
  pos BIGINT PRIMARY KEY,
  type TEXT NOT NULL,
  conversation_id TEXT COLLATE "C",
  user_id TEXT COLLATE "C",
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX events_conversation ON events (conversation_id, pos) WHERE user_id IS NULL;
CREATE INDEX events_user ON events (user_id, pos) WHERE user_id IS NOT NULL;
CREATE TABLE event_head (id INT PRIMARY KEY CHECK (id = 1), pos BIGINT NOT NULL);
INSERT INTO event_head (id, pos) VALUES (1, 0);
`,
  /* 2: requests inbox, silent blocks, reports, moderation audit (docs/subsystems/message-requests.md).
     message_requests and shadow_messages are keyed by conversation_id first (distributable). */ `
CREATE TABLE message_requests (
  conversation_id TEXT COLLATE "C" NOT NULL,
  recipient_id TEXT COLLATE "C" NOT NULL,
  sender_id TEXT COLLATE "C" NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  messages_sent INTEGER NOT NULL DEFAULT 0,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, recipient_id)
);
CREATE INDEX message_requests_sender ON message_requests(sender_id, created_at);
CREATE INDEX message_requests_recipient ON message_requests(recipient_id, state, created_at);
CREATE INDEX message_requests_stale ON message_requests(expires_at) WHERE state = 'pending';
CREATE UNIQUE INDEX message_requests_one_pending ON message_requests(sender_id, recipient_id) WHERE state = 'pending';
CREATE TABLE shadow_messages (
  conversation_id TEXT COLLATE "C" NOT NULL,
  id TEXT COLLATE "C" NOT NULL,
  -- Insertion order: a sender's shadows after the same real seq are shown in the order sent.
  ord BIGINT GENERATED ALWAYS AS IDENTITY,
  sender_id TEXT COLLATE "C" NOT NULL,
  after_seq BIGINT NOT NULL,
  client_message_id TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, id)
);
CREATE UNIQUE INDEX shadow_messages_client_id ON shadow_messages(conversation_id, sender_id, client_message_id);
CREATE INDEX shadow_messages_view ON shadow_messages(conversation_id, sender_id, after_seq, ord);
CREATE TABLE reports (
  id TEXT COLLATE "C" PRIMARY KEY,
  reporter_id TEXT COLLATE "C" NOT NULL,
  target_kind TEXT NOT NULL,
  target_key TEXT COLLATE "C" NOT NULL,
  target TEXT NOT NULL,
  reported_user_id TEXT COLLATE "C",
  conversation_id TEXT COLLATE "C",
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  context TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by TEXT COLLATE "C",
  UNIQUE (reporter_id, target_kind, target_key)
);
CREATE INDEX reports_queue ON reports(state, created_at);
CREATE TABLE moderation_audit (
  id TEXT COLLATE "C" PRIMARY KEY,
  operator_id TEXT COLLATE "C" NOT NULL,
  action TEXT NOT NULL,
  report_id TEXT COLLATE "C",
  target_id TEXT COLLATE "C",
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX moderation_audit_time ON moderation_audit(created_at);
-- Reports name a message by id alone; a local (non-unique) index keeps that lookup cheap when distributed.
CREATE INDEX messages_id ON messages(id);
`,
  /* 3: ghost members: listed in a group, never in it (docs/subsystems/message-requests.md); keyed by conversation first */ `
CREATE TABLE ghost_members (
  conversation_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  added_by TEXT COLLATE "C",
  joined_at BIGINT NOT NULL,
  expires_at BIGINT,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX ghost_members_expiry ON ghost_members(expires_at) WHERE expires_at IS NOT NULL;
`,
  /* 4: single-use socket tickets (docs/adr/0002-socket-auth-on-upgrade.md); small, keyed by ticket */ `
CREATE TABLE socket_tickets (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  session_id TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX socket_tickets_expiry ON socket_tickets(expires_at);
`,
  /* 5: people search by word starts (storage/searchTerms.ts); backfilled by the same splitting rule */ `
CREATE TABLE user_search_terms (
  term TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (term, user_id)
);
CREATE INDEX user_search_terms_user ON user_search_terms (user_id);
INSERT INTO user_search_terms (term, user_id)
SELECT DISTINCT t.term, u.id FROM users u,
  unnest(ARRAY[u.username_lower, u.display_lower] || string_to_array(translate(u.username_lower || ' ' || u.display_lower, '-_.', '   '), ' ')) AS t(term)
WHERE t.term <> '';
-- Search no longer reads display_lower by range.
DROP INDEX users_display_lower;
`,
  /* 6: secrets every node derives keys from, e.g. the stream-cursor key (docs/subsystems/delivery.md) */ `
CREATE TABLE server_secrets (
  name TEXT COLLATE "C" PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
`,
  /* 7: live rooms and room chat (storage/ports/rooms.ts, docs/subsystems/rooms.md); listeners are participants, never conversation members */ `
CREATE TABLE rooms (
  id TEXT COLLATE "C" PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  visibility TEXT NOT NULL,
  status TEXT NOT NULL,
  owner_id TEXT COLLATE "C" NOT NULL,
  host_id TEXT COLLATE "C",
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  last_seq BIGINT NOT NULL DEFAULT 0,
  chat_enabled BOOLEAN NOT NULL,
  chat_mode TEXT NOT NULL,
  slow_seconds INT NOT NULL,
  speaker_count INT NOT NULL DEFAULT 0,
  listener_count INT NOT NULL DEFAULT 0,
  staff_absent_since BIGINT
);
CREATE INDEX rooms_live ON rooms(status, speaker_count, listener_count);
CREATE INDEX rooms_ended ON rooms(ended_at) WHERE ended_at IS NOT NULL;
CREATE TABLE room_invites (
  room_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (room_id, user_id)
);
CREATE TABLE room_participants (
  room_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  role TEXT NOT NULL,
  present BOOLEAN NOT NULL,
  hand_raised BOOLEAN NOT NULL DEFAULT false,
  invited_to_speak BOOLEAN NOT NULL DEFAULT false,
  muted_until BIGINT,
  removed BOOLEAN NOT NULL DEFAULT false,
  joined_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  last_chat_at BIGINT,
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_participants_user ON room_participants(user_id, room_id) WHERE present;
CREATE INDEX room_participants_present ON room_participants(room_id, role, joined_at) WHERE present;
CREATE INDEX room_participants_seen ON room_participants(last_seen_at) WHERE present;
CREATE TABLE room_events (
  room_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  to_user TEXT COLLATE "C",
  created_at BIGINT NOT NULL,
  PRIMARY KEY (room_id, seq)
);
CREATE TABLE room_messages (
  id TEXT COLLATE "C" PRIMARY KEY,
  room_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  sender_id TEXT COLLATE "C" NOT NULL,
  client_message_id TEXT COLLATE "C" NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted TEXT
);
CREATE UNIQUE INDEX room_messages_client ON room_messages(room_id, sender_id, client_message_id);
CREATE INDEX room_messages_seq ON room_messages(room_id, seq);
`,
  /* 8: the audio integration area (storage/ports/audio.ts, docs/api/audio-webhooks.md): processed webhook ids, room links, per-person order and speaking */ `
CREATE TABLE audio_events (
  event_id TEXT COLLATE "C" PRIMARY KEY,
  type TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX audio_events_received ON audio_events(received_at);
CREATE TABLE audio_rooms (
  external_id TEXT COLLATE "C" PRIMARY KEY,
  room_id TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE audio_participants (
  room_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  last_at BIGINT NOT NULL,
  speaking BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX audio_participants_speaking ON audio_participants(room_id, user_id) WHERE speaking;
`,
  /* 9: jobs that run after a commit, claimed with leases (docs/adr/0011-jobs-table-with-leases.md); small, keyed by job */ `
CREATE TABLE jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  kind TEXT COLLATE "C" NOT NULL,
  job_key TEXT COLLATE "C" NOT NULL CONSTRAINT jobs_key_unique UNIQUE,
  payload TEXT NOT NULL,
  state TEXT COLLATE "C" NOT NULL,
  run_at BIGINT NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  max_attempts INT NOT NULL,
  interval_ms BIGINT,
  lease_token TEXT COLLATE "C",
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leases ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_finished ON jobs (updated_at) WHERE state IN ('done', 'dead');
CREATE INDEX jobs_state ON jobs (state);
`,
  /* 10: a report of a room chat message keeps its room and the chat around it; a speak invitation names who sent it (docs/subsystems/rooms.md) */ `
ALTER TABLE reports ADD COLUMN room TEXT;
ALTER TABLE room_participants ADD COLUMN invited_by TEXT COLLATE "C";
`,
  /* 11: room backstage channels, read-only former members, room participation records, the room a request came from (docs/subsystems/rooms.md, "Backstage") */ `
CREATE TABLE backstage_channels (
  room_id TEXT COLLATE "C" PRIMARY KEY,
  conversation_id TEXT COLLATE "C" NOT NULL UNIQUE
);
CREATE TABLE backstage_viewers (
  conversation_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  upto_seq BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE TABLE room_visits (
  user_id TEXT COLLATE "C" NOT NULL,
  room_id TEXT COLLATE "C" NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  here BOOLEAN NOT NULL,
  on_stage BOOLEAN NOT NULL,
  PRIMARY KEY (user_id, room_id)
);
CREATE INDEX room_visits_room ON room_visits (room_id) WHERE here;
CREATE INDEX room_visits_ended ON room_visits (last_at) WHERE NOT here;
CREATE TABLE request_rooms (
  conversation_id TEXT COLLATE "C" NOT NULL,
  recipient_id TEXT COLLATE "C" NOT NULL,
  room_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, recipient_id)
);
CREATE INDEX request_rooms_created ON request_rooms (created_at);
`,
  /* 12: a room's Q&A (storage/ports/questions.ts, docs/subsystems/rooms.md "Q&A"): settings, questions, one row per vote */ `
CREATE TABLE room_qa (
  room_id TEXT COLLATE "C" PRIMARY KEY,
  enabled BOOLEAN NOT NULL,
  require_approval BOOLEAN NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE questions (
  id TEXT COLLATE "C" PRIMARY KEY,
  room_id TEXT COLLATE "C" NOT NULL,
  asker_id TEXT COLLATE "C" NOT NULL,
  co_askers TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  visibility TEXT COLLATE "C" NOT NULL,
  merged_into TEXT COLLATE "C",
  votes INT NOT NULL DEFAULT 0,
  votes_version BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE INDEX questions_room ON questions (room_id, votes DESC, created_at) WHERE status <> 'merged';
CREATE INDEX questions_asker ON questions (room_id, asker_id, created_at);
CREATE TABLE question_votes (
  question_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
CREATE INDEX question_votes_user ON question_votes (user_id, question_id);
`,
  /* 13: link previews (docs/subsystems/links.md): a message's previews, the cache per normalized URL, the images we re-encoded */ `
ALTER TABLE messages ADD COLUMN previews TEXT;
ALTER TABLE messages ADD COLUMN previews_removed BOOLEAN NOT NULL DEFAULT false;
CREATE TABLE link_previews (
  url_key TEXT COLLATE "C" PRIMARY KEY,
  card TEXT,
  fetched_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX link_previews_expiry ON link_previews (expires_at);
CREATE TABLE link_images (
  id TEXT COLLATE "C" PRIMARY KEY,
  content_type TEXT NOT NULL,
  width INT NOT NULL,
  height INT NOT NULL,
  bytes BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
`,
  /* 14: deleted accounts and password resets (storage/ports/accounts.ts, docs/subsystems/accounts.md): a deleted account's users row stays, scrubbed, so messages keep an author; sessions by user for the export */ `
CREATE TABLE deleted_accounts (
  user_id TEXT COLLATE "C" PRIMARY KEY,
  deleted_at BIGINT NOT NULL,
  deleted_by TEXT COLLATE "C"
);
CREATE TABLE password_resets (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX sessions_user_all ON sessions (user_id, created_at);
`,
  /* 15: people who turned off showing which room they are in (presence, docs/subsystems/message-requests.md, "Met in a room") */ `
CREATE TABLE presence_hidden (
  user_id TEXT COLLATE "C" PRIMARY KEY
);
`,
  /* 16: message retention deletes by age (jobs/retention.ts, docs/subsystems/accounts.md "Retention") */ `
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX shadow_messages_created ON shadow_messages (created_at);
`,
  /* 17: uploads and the images a message carries (docs/subsystems/media.md) */ `
ALTER TABLE messages ADD COLUMN attachments TEXT;
CREATE TABLE uploads (
  id TEXT COLLATE "C" PRIMARY KEY,
  owner_id TEXT COLLATE "C" NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INT NOT NULL,
  width INT NOT NULL,
  height INT NOT NULL,
  placeholder TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  conversation_id TEXT COLLATE "C",
  message_id TEXT COLLATE "C"
);
CREATE INDEX uploads_unattached ON uploads (created_at) WHERE message_id IS NULL;
`,
  /* 18: API tokens are sessions with a label and scopes (docs/api/tokens.md, ADR 0023); NULL scopes: a device session, every right */ `
ALTER TABLE sessions ADD COLUMN label TEXT;
ALTER TABLE sessions ADD COLUMN scopes TEXT;
`,
  /* 19: replies, edits with kept versions, unsend tombstones, reactions, delete for me, keep for reporting (docs/subsystems/messages.md) */ `
ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE messages ADD COLUMN edited_at BIGINT;
ALTER TABLE messages ADD COLUMN tombstone_at BIGINT;
ALTER TABLE messages ADD COLUMN tombstone_by TEXT;
ALTER TABLE shadow_messages ADD COLUMN reply_to_seq BIGINT;
ALTER TABLE shadow_messages ADD COLUMN edited_at BIGINT;
ALTER TABLE shadow_messages ADD COLUMN tombstone_at BIGINT;
ALTER TABLE shadow_messages ADD COLUMN tombstone_by TEXT;
-- Earlier versions of edited messages, for moderators only; an unsend deletes them.
CREATE TABLE message_versions (
  conversation_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  version BIGINT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq, version)
);
CREATE TABLE reactions (
  conversation_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  emoji TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq, user_id, emoji)
);
-- Delete for me: the message is left out of this person's history on every device.
CREATE TABLE hidden_messages (
  conversation_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id, seq)
);
-- Keep for reporting: a recipient's copy that an unsend does not erase, for operators handling their report.
CREATE TABLE kept_messages (
  conversation_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  text TEXT NOT NULL,
  kept_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq, user_id)
);
CREATE INDEX kept_messages_expiry ON kept_messages (expires_at);
ALTER TABLE reports ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
`,
];
