/**
 * The PostgreSQL `Tx`: one repo per area, all over one `PgHandle` (the pool for reads, the batch's
 * connection for writes, handle.ts). Adding an area is one line here.
 */
import type { Tx } from '../ports/tx.js';
import { PgAccounts } from './accounts.js';
import { PgAudio } from './audio.js';
import { PgBackstage, PgRoomVisits } from './backstage.js';
import { PgConversations } from './conversations.js';
import { PgEvents } from './events.js';
import { PgGhosts } from './ghosts.js';
import { PgGraph } from './graph.js';
import type { PgHandle } from './handle.js';
import { PgJobs } from './jobs.js';
import { PgLinks } from './links.js';
import { PgUploads } from './uploads.js';
import { PgMembers } from './members.js';
import { PgMessages } from './messages.js';
import { PgMessageEdits } from './messageEdits.js';
import { PgMessageMarks } from './messageMarks.js';
import { PgReactions } from './reactions.js';
import { PgAudit, PgReports } from './moderation.js';
import { PgQuestions } from './questions.js';
import { PgRequests } from './requests.js';
import { PgInvites, PgSessions } from './sessions.js';
import { PgShadows } from './shadows.js';
import { PgSecrets, PgSocketTickets } from './socketTickets.js';
import { PgRooms } from './rooms.js';
import { PgUsers } from './users.js';

export function pgTx(h: PgHandle): Tx {
  return {
    users: new PgUsers(h),
    sessions: new PgSessions(h),
    invites: new PgInvites(h),
    socketTickets: new PgSocketTickets(h),
    secrets: new PgSecrets(h),
    graph: new PgGraph(h),
    conversations: new PgConversations(h),
    members: new PgMembers(h),
    messages: new PgMessages(h),
    events: new PgEvents(h),
    requests: new PgRequests(h),
    ghosts: new PgGhosts(h),
    shadows: new PgShadows(h),
    reports: new PgReports(h),
    audit: new PgAudit(h),
    rooms: new PgRooms(h),
    audio: new PgAudio(h),
    jobs: new PgJobs(h),
    backstage: new PgBackstage(h),
    roomVisits: new PgRoomVisits(h),
    questions: new PgQuestions(h),
    links: new PgLinks(h),
    accounts: new PgAccounts(h),
    uploads: new PgUploads(h),
    messageEdits: new PgMessageEdits(h),
    reactions: new PgReactions(h),
    messageMarks: new PgMessageMarks(h),
  };
}
