/**
 * The SQLite `Tx`: one repo per area over one better-sqlite3 connection. The read connection gets
 * one, the write connection another (whose events area also records what it appends, for
 * `Store.onCommitted`). Adding an area is one line here.
 */
import type Database from 'better-sqlite3';
import type { Tx } from '../ports/tx.js';
import type { EventRow } from '../rows/events.js';
import { SqliteAccounts } from './accounts.js';
import { SqliteAudio } from './audio.js';
import { SqliteBackstage, SqliteRoomVisits } from './backstage.js';
import { SqliteConversations } from './conversations.js';
import { SqliteEvents } from './events.js';
import { SqliteGhosts } from './ghosts.js';
import { SqliteGraph } from './graph.js';
import { SqliteJobs } from './jobs.js';
import { SqliteLinks } from './links.js';
import { SqliteUploads } from './uploads.js';
import { SqliteMembers } from './members.js';
import { SqliteMessages } from './messages.js';
import { SqliteMessageEdits } from './messageEdits.js';
import { SqliteMessageMarks } from './messageMarks.js';
import { SqliteReactions } from './reactions.js';
import { SqliteAudit, SqliteReports } from './moderation.js';
import { SqliteQuestions } from './questions.js';
import { SqliteRequests } from './requests.js';
import { SqliteInvites, SqliteSecrets, SqliteSessions, SqliteSocketTickets } from './sessions.js';
import { SqliteShadows } from './shadows.js';
import { SqliteRooms } from './rooms.js';
import { SqliteUsers } from './users.js';

/** `recorded` collects the events appended through this Tx (the write connection's); null on reads. */
export function sqliteTx(db: Database.Database, recorded: EventRow[] | null = null): Tx {
  const tx: Tx = {
    users: new SqliteUsers(db),
    sessions: new SqliteSessions(db),
    invites: new SqliteInvites(db),
    socketTickets: new SqliteSocketTickets(db),
    secrets: new SqliteSecrets(db),
    graph: new SqliteGraph(db),
    conversations: new SqliteConversations(db),
    members: new SqliteMembers(db),
    messages: new SqliteMessages(db, () => tx),
    events: new SqliteEvents(db, recorded),
    requests: new SqliteRequests(db),
    ghosts: new SqliteGhosts(db),
    shadows: new SqliteShadows(db),
    reports: new SqliteReports(db),
    audit: new SqliteAudit(db),
    rooms: new SqliteRooms(db),
    audio: new SqliteAudio(db),
    jobs: new SqliteJobs(db),
    backstage: new SqliteBackstage(db),
    roomVisits: new SqliteRoomVisits(db),
    questions: new SqliteQuestions(db),
    links: new SqliteLinks(db),
    accounts: new SqliteAccounts(db),
    uploads: new SqliteUploads(db),
    messageEdits: new SqliteMessageEdits(db),
    reactions: new SqliteReactions(db),
    messageMarks: new SqliteMessageMarks(db),
  };
  return tx;
}
