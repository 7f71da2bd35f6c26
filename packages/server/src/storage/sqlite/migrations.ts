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
];
