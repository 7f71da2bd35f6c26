/**
 * SQLite schema, applied in order at start. Never edit a shipped migration; add a new one.
 * Everything is keyed by conversation id where it can be, so the same shape distributes by
 * conversation on PostgreSQL (see docs/deploy/cluster.md).
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the messaging core */ `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  username_lower TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  display_lower TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  roles TEXT NOT NULL DEFAULT '[]',
  who_can_message TEXT NOT NULL DEFAULT 'everyone',
  suspended_at INTEGER
);
CREATE INDEX users_display_lower ON users(display_lower);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE invites (code TEXT PRIMARY KEY, created_at INTEGER NOT NULL, used_by TEXT, used_at INTEGER);
CREATE TABLE follows (
  follower_id TEXT NOT NULL, followee_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
) WITHOUT ROWID;
CREATE INDEX follows_followee ON follows(followee_id, follower_id);
CREATE TABLE blocks (
  blocker_id TEXT NOT NULL, blocked_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
) WITHOUT ROWID;
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT,
  moderator_id TEXT,
  direct_key TEXT UNIQUE,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_activity_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE members (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  read_seq INTEGER NOT NULL DEFAULT 0,
  muted INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  added_by TEXT,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX members_user ON members(user_id);
-- When a user could see a conversation's events: (from_pos, to_pos]. A new row per re-join.
CREATE TABLE member_periods (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  from_pos INTEGER NOT NULL,
  to_pos INTEGER,
  PRIMARY KEY (user_id, conversation_id, from_pos)
) WITHOUT ROWID;
CREATE TABLE messages (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  sender_id TEXT NOT NULL,
  client_message_id TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  system TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, sender_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
-- The outbox and every device's stream. A conversation event (user_id NULL) is stored once and
-- read by every member through member_periods; a user event (user_id set) by that user only.
CREATE TABLE events (
  pos INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  conversation_id TEXT,
  user_id TEXT,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_conversation ON events(conversation_id, pos) WHERE user_id IS NULL;
CREATE INDEX events_user ON events(user_id, pos) WHERE user_id IS NOT NULL;
`,
  /* 2: requests inbox, silent blocks, reports, moderation audit (docs/subsystems/message-requests.md) */ `
CREATE TABLE message_requests (
  conversation_id TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  messages_sent INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, recipient_id)
) WITHOUT ROWID;
CREATE INDEX message_requests_sender ON message_requests(sender_id, created_at);
CREATE INDEX message_requests_recipient ON message_requests(recipient_id, state, created_at);
CREATE INDEX message_requests_stale ON message_requests(expires_at) WHERE state = 'pending';
-- One pending request per sender per recipient, whatever the conversation.
CREATE UNIQUE INDEX message_requests_one_pending ON message_requests(sender_id, recipient_id) WHERE state = 'pending';
CREATE TABLE shadow_messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  after_seq INTEGER NOT NULL,
  client_message_id TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX shadow_messages_client_id ON shadow_messages(conversation_id, sender_id, client_message_id);
-- Ordered by rowid (insertion order) within one after_seq.
CREATE INDEX shadow_messages_view ON shadow_messages(conversation_id, sender_id, after_seq);
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  reporter_id TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_key TEXT NOT NULL,
  target TEXT NOT NULL,
  reported_user_id TEXT,
  conversation_id TEXT,
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  context TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT,
  UNIQUE (reporter_id, target_kind, target_key)
);
CREATE INDEX reports_queue ON reports(state, created_at);
CREATE TABLE moderation_audit (
  id TEXT PRIMARY KEY,
  operator_id TEXT NOT NULL,
  action TEXT NOT NULL,
  report_id TEXT,
  target_id TEXT,
  note TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX moderation_audit_time ON moderation_audit(created_at);
`,
  /* 3: ghost members: listed in a group, never in it (docs/subsystems/message-requests.md) */ `
CREATE TABLE ghost_members (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  added_by TEXT,
  joined_at INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX ghost_members_expiry ON ghost_members(expires_at) WHERE expires_at IS NOT NULL;
`,
  /* 4: single-use socket tickets (docs/adr/0002-socket-auth-on-upgrade.md) */ `
CREATE TABLE socket_tickets (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX socket_tickets_expiry ON socket_tickets(expires_at);
`,
  /* 5: people search by word starts (storage/searchTerms.ts); backfilled by the same splitting rule */ `
CREATE TABLE user_search_terms (
  term TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (term, user_id)
) WITHOUT ROWID;
CREATE INDEX user_search_terms_user ON user_search_terms(user_id);
WITH RECURSIVE
  names(user_id, name) AS (SELECT id, username_lower FROM users UNION ALL SELECT id, display_lower FROM users),
  words(user_id, word, rest) AS (
    SELECT user_id, name, replace(replace(replace(name, '-', ' '), '_', ' '), '.', ' ') || ' ' FROM names
    UNION ALL
    SELECT user_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM words WHERE rest <> ''
  )
INSERT OR IGNORE INTO user_search_terms (term, user_id) SELECT word, user_id FROM words WHERE word <> '';
-- Search no longer reads display_lower by range.
DROP INDEX users_display_lower;
`,
  /* 6: secrets every node derives keys from, e.g. the stream-cursor key (docs/subsystems/delivery.md) */ `
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  /* 7: live rooms and room chat (storage/ports/rooms.ts, docs/subsystems/rooms.md); listeners are participants, never conversation members */ `
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  visibility TEXT NOT NULL,
  status TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  host_id TEXT,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  last_seq INTEGER NOT NULL DEFAULT 0,
  chat_enabled INTEGER NOT NULL,
  chat_mode TEXT NOT NULL,
  slow_seconds INTEGER NOT NULL,
  speaker_count INTEGER NOT NULL DEFAULT 0,
  listener_count INTEGER NOT NULL DEFAULT 0,
  staff_absent_since INTEGER
);
CREATE INDEX rooms_live ON rooms(status, speaker_count, listener_count);
CREATE INDEX rooms_ended ON rooms(ended_at) WHERE ended_at IS NOT NULL;
CREATE TABLE room_invites (
  room_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE TABLE room_participants (
  room_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  present INTEGER NOT NULL,
  hand_raised INTEGER NOT NULL DEFAULT 0,
  invited_to_speak INTEGER NOT NULL DEFAULT 0,
  muted_until INTEGER,
  removed INTEGER NOT NULL DEFAULT 0,
  joined_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  last_chat_at INTEGER,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX room_participants_user ON room_participants(user_id, room_id) WHERE present = 1;
CREATE INDEX room_participants_present ON room_participants(room_id, role, joined_at) WHERE present = 1;
CREATE INDEX room_participants_seen ON room_participants(last_seen_at) WHERE present = 1;
CREATE TABLE room_events (
  room_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  to_user TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;
CREATE TABLE room_messages (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  sender_id TEXT NOT NULL,
  client_message_id TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  deleted TEXT
);
CREATE UNIQUE INDEX room_messages_client ON room_messages(room_id, sender_id, client_message_id);
CREATE INDEX room_messages_seq ON room_messages(room_id, seq);
`,
  /* 8: the audio integration area (storage/ports/audio.ts, docs/api/audio-webhooks.md): processed webhook ids, room links, per-person order and speaking */ `
CREATE TABLE audio_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX audio_events_received ON audio_events(received_at);
CREATE TABLE audio_rooms (
  external_id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE audio_participants (
  room_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  last_at INTEGER NOT NULL,
  speaking INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX audio_participants_speaking ON audio_participants(room_id, user_id) WHERE speaking = 1;
`,
  /* 9: the schema PostgreSQL has, where SQLite differed for no reason (docs/subsystems/delivery.md, "Two backends, one schema"):
     the one-per-pair rule of 1:1s lives in direct_pairs (conversations.direct_key is no longer unique
     by itself); a message id is unique within its conversation (looked up by id through messages_id);
     a sender's shadow messages after one seq are ordered by ord (insertion order), not by rowid.
     Tables are rebuilt the way sqlite.org/lang_altertable.html ("Making Other Kinds Of Table
     Schema Changes") describes; nothing references them by foreign key. */ `
CREATE TABLE direct_pairs (
  direct_key TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO direct_pairs (direct_key, conversation_id) SELECT direct_key, id FROM conversations WHERE direct_key IS NOT NULL;
CREATE TABLE conversations_v9 (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  title TEXT,
  moderator_id TEXT,
  direct_key TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_activity_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO conversations_v9 (id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at)
  SELECT id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_v9 RENAME TO conversations;
CREATE TABLE messages_v9 (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  client_message_id TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  system TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, id)
) WITHOUT ROWID;
INSERT INTO messages_v9 (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at)
  SELECT conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v9 RENAME TO messages;
CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, sender_id, client_message_id)
  WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_id ON messages(id);
CREATE TABLE shadow_messages_v9 (
  conversation_id TEXT NOT NULL,
  id TEXT NOT NULL,
  -- Insertion order: a sender's shadows after the same real seq are shown in the order sent.
  ord INTEGER PRIMARY KEY AUTOINCREMENT,
  sender_id TEXT NOT NULL,
  after_seq INTEGER NOT NULL,
  client_message_id TEXT NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, id)
);
INSERT INTO shadow_messages_v9 (conversation_id, id, ord, sender_id, after_seq, client_message_id, text, entities, created_at)
  SELECT conversation_id, id, rowid, sender_id, after_seq, client_message_id, text, entities, created_at FROM shadow_messages ORDER BY rowid;
DROP TABLE shadow_messages;
ALTER TABLE shadow_messages_v9 RENAME TO shadow_messages;
CREATE UNIQUE INDEX shadow_messages_client_id ON shadow_messages(conversation_id, sender_id, client_message_id);
CREATE INDEX shadow_messages_view ON shadow_messages(conversation_id, sender_id, after_seq, ord);
`,
  /* 10: jobs that run after a commit, claimed with leases (docs/adr/0011-jobs-table-with-leases.md) */ `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  job_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  run_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  interval_ms INTEGER,
  lease_token TEXT,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs(run_at) WHERE state IN ('queued', 'failed');
CREATE INDEX jobs_leases ON jobs(lease_until) WHERE state = 'running';
CREATE INDEX jobs_finished ON jobs(updated_at) WHERE state IN ('done', 'dead');
CREATE INDEX jobs_state ON jobs(state);
`,
  /* 11: a report of a room chat message keeps its room and the chat around it; a speak invitation names who sent it (docs/subsystems/rooms.md) */ `
ALTER TABLE reports ADD COLUMN room TEXT;
ALTER TABLE room_participants ADD COLUMN invited_by TEXT;
`,
  /* 12: room backstage channels, read-only former members, room participation records, the room a request came from (docs/subsystems/rooms.md, "Backstage") */ `
CREATE TABLE backstage_channels (
  room_id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL UNIQUE
);
CREATE TABLE backstage_viewers (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  upto_seq INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE room_visits (
  user_id TEXT NOT NULL,
  room_id TEXT NOT NULL,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  here INTEGER NOT NULL,
  on_stage INTEGER NOT NULL,
  PRIMARY KEY (user_id, room_id)
);
CREATE INDEX room_visits_room ON room_visits(room_id) WHERE here = 1;
CREATE INDEX room_visits_ended ON room_visits(last_at) WHERE here = 0;
CREATE TABLE request_rooms (
  conversation_id TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  room_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, recipient_id)
);
CREATE INDEX request_rooms_created ON request_rooms(created_at);
`,
  /* 13: a room's Q&A (storage/ports/questions.ts, docs/subsystems/rooms.md "Q&A"): settings, questions, one row per vote */ `
CREATE TABLE room_qa (
  room_id TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL,
  require_approval INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  asker_id TEXT NOT NULL,
  co_askers TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  visibility TEXT NOT NULL,
  merged_into TEXT,
  votes INTEGER NOT NULL DEFAULT 0,
  votes_version INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE INDEX questions_room ON questions(room_id, votes DESC, created_at) WHERE status <> 'merged';
CREATE INDEX questions_asker ON questions(room_id, asker_id, created_at);
CREATE TABLE question_votes (
  question_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (question_id, user_id)
) WITHOUT ROWID;
CREATE INDEX question_votes_user ON question_votes(user_id, question_id);
`,
  /* 14: link previews (docs/subsystems/links.md): a message's previews, the cache per normalized URL, the images we re-encoded */ `
ALTER TABLE messages ADD COLUMN previews TEXT;
ALTER TABLE messages ADD COLUMN previews_removed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE link_previews (
  url_key TEXT PRIMARY KEY,
  card TEXT,
  fetched_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX link_previews_expiry ON link_previews(expires_at);
CREATE TABLE link_images (
  id TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
`,
  /* 15: deleted accounts and password resets (storage/ports/accounts.ts, docs/subsystems/accounts.md): a deleted account's users row stays, scrubbed, so messages keep an author */ `
CREATE TABLE deleted_accounts (
  user_id TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL,
  deleted_by TEXT
) WITHOUT ROWID;
-- One-time password reset tokens an operator issues (admin reset-password), stored hashed.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;
`,
  /* 16: people who turned off showing which room they are in (presence, docs/subsystems/message-requests.md, "Met in a room") */ `
CREATE TABLE presence_hidden (
  user_id TEXT PRIMARY KEY
);
`,
  /* 17: message retention deletes by age (jobs/retention.ts, docs/subsystems/accounts.md "Retention") */ `
CREATE INDEX messages_created ON messages(created_at);
CREATE INDEX shadow_messages_created ON shadow_messages(created_at);
`,
  /* 18: uploads and the images a message carries (docs/subsystems/media.md) */ `
ALTER TABLE messages ADD COLUMN attachments TEXT;
CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  placeholder TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  conversation_id TEXT,
  message_id TEXT
);
CREATE INDEX uploads_unattached ON uploads(created_at) WHERE message_id IS NULL;
`,
  /* 19: API tokens are sessions with a label and scopes (docs/api/tokens.md, ADR 0023); NULL scopes: a device session, every right */ `
ALTER TABLE sessions ADD COLUMN label TEXT;
ALTER TABLE sessions ADD COLUMN scopes TEXT;
`,
  /* 20: replies, edits with kept versions, unsend tombstones, reactions, delete for me, keep for reporting (docs/subsystems/messages.md) */ `
ALTER TABLE messages ADD COLUMN reply_to_seq INTEGER;
ALTER TABLE messages ADD COLUMN edited_at INTEGER;
ALTER TABLE messages ADD COLUMN tombstone_at INTEGER;
ALTER TABLE messages ADD COLUMN tombstone_by TEXT;
ALTER TABLE shadow_messages ADD COLUMN reply_to_seq INTEGER;
ALTER TABLE shadow_messages ADD COLUMN edited_at INTEGER;
ALTER TABLE shadow_messages ADD COLUMN tombstone_at INTEGER;
ALTER TABLE shadow_messages ADD COLUMN tombstone_by TEXT;
-- Earlier versions of edited messages, for moderators only; an unsend deletes them.
CREATE TABLE message_versions (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  version INTEGER NOT NULL,
  text TEXT NOT NULL,
  entities TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq, version)
) WITHOUT ROWID;
CREATE TABLE reactions (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  emoji TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq, user_id, emoji)
) WITHOUT ROWID;
-- Delete for me: the message is left out of this person's history on every device.
CREATE TABLE hidden_messages (
  conversation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, user_id, seq)
) WITHOUT ROWID;
-- Keep for reporting: a recipient's copy that an unsend does not erase, for operators handling their report.
CREATE TABLE kept_messages (
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  kept_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq, user_id)
) WITHOUT ROWID;
CREATE INDEX kept_messages_expiry ON kept_messages (expires_at);
ALTER TABLE reports ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
`,
];
