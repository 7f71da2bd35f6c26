/**
 * Every kind of data tied to one person, in one list: what "download my data" exports of it and
 * what account deletion does with it (docs/subsystems/accounts.md). A new table that holds
 * anything about a person gets a line here (or in NOT_PERSONAL, saying why not); userData.test.ts
 * fails for a table of the schema that is in neither.
 *
 * Exports read through the same actions and visibility checks (domain/visibility/) as the API,
 * as the person: an export holds exactly what its owner can read, never more.
 */
import type { Conversation, Message } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import { listConversations } from '../conversations/listConversations.js';
import { leaveConversation } from '../conversations/groups.js';
import type { Deps } from '../deps.js';
import { history } from '../messages/history.js';
import { presentMe, presentUserSummary } from '../present.js';
import { expirePending } from '../requests/resolveRequest.js';

/** One JSON file of the export archive. */
export interface ExportFile {
  path: string;
  data: unknown;
}

export type AccountDeps = Pick<Deps, 'store' | 'clock' | 'ids' | 'bus' | 'limits'>;

export interface UserDataPart {
  name: string;
  /** The tables this part covers. */
  tables: readonly string[];
  /** What deletion does with it, in words (the policy page lists these). */
  onDelete: string;
  /** Absent: nothing of this part is exported, and `notExported` says why. */
  export?(deps: AccountDeps, me: UserRow): AsyncIterable<ExportFile>;
  notExported?: string;
  /** Runs during deletion, before the profile is erased; must be idempotent (deletion may be retried). */
  erase?(deps: AccountDeps, me: UserRow): Promise<void>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const BIG = 100_000;
const FOLDERS = ['inbox', 'requests', 'archived'] as const;

/** Every conversation the person lists, in every folder, paged as the API pages them. */
async function* myConversations(deps: AccountDeps, me: UserRow): AsyncIterable<Conversation> {
  const seen = new Set<string>();
  for (const folder of FOLDERS) {
    let before: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const list = await listConversations(deps, me, { folder, limit: 100, ...(before ? { before } : {}) });
      for (const c of list.conversations) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        yield c;
      }
      if (!list.next) break;
      before = list.next;
    }
  }
}

async function allHistory(deps: AccountDeps, me: UserRow, conversationId: string): Promise<Message[]> {
  const out: Message[] = [];
  let after = 0;
  for (let page = 0; page < 100_000; page++) {
    const res = await history(deps, me, conversationId, { after, limit: 200 });
    out.push(...res.messages);
    if (!res.hasMore || res.messages.length === 0) break;
    after = res.messages.at(-1)!.seq;
  }
  return out;
}

export const USER_DATA: readonly UserDataPart[] = [
  {
    name: 'account',
    tables: ['users', 'user_search_terms', 'deleted_accounts', 'password_resets', 'presence_hidden'],
    onDelete: 'The profile is erased: username (free for anyone again), display name ("Deleted user"), bio, password, roles and settings; the row keeps its id so that messages and reports still name an author.',
    async *export(_deps, me) {
      yield { path: 'account.json', data: { ...presentMe(me), suspendedAt: iso(me.suspendedAt) } };
    },
  },
  {
    name: 'sessions',
    tables: ['sessions', 'socket_tickets'],
    onDelete: 'Every session is revoked first, and every open socket closes (4001).',
    async *export(deps, me) {
      const sessions = await deps.store.read.accounts.sessionsOf(me.id);
      // When each device logged in (or each API token was made, with its label and scopes) and until when; never the token hashes.
      yield {
        path: 'sessions.json',
        data: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), revokedAt: iso(s.revokedAt), ...(s.scopes ? { apiToken: { label: s.label ?? '', scopes: s.scopes } } : {}) })),
      };
    },
  },
  {
    name: 'graph',
    tables: ['follows', 'blocks'],
    onDelete: 'Follows and blocks are deleted both ways (with the profile).',
    async *export(deps, me) {
      const g = deps.store.read.graph;
      yield { path: 'following.json', data: (await g.following(me.id, BIG)).map(presentUserSummary) };
      yield { path: 'followers.json', data: (await g.followers(me.id, BIG)).map(presentUserSummary) };
      yield { path: 'blocked.json', data: (await g.blockedBy(me.id, BIG)).map(presentUserSummary) };
    },
  },
  {
    name: 'conversations',
    tables: ['conversations', 'members', 'member_periods', 'messages', 'direct_pairs', 'ghost_members', 'shadow_messages', 'backstage_viewers', 'uploads'],
    onDelete:
      'The person leaves every conversation (a group shows "left"; a 1:1 and a pending request go silently). Messages they sent stay in the others\' history, shown as from "Deleted user", with their attachments (uploads); their shadow messages (seen by them alone) are deleted.',
    async *export(deps, me) {
      for await (const conversation of myConversations(deps, me)) {
        yield { path: `conversations/${conversation.id}.json`, data: { conversation, messages: await allHistory(deps, me, conversation.id) } };
      }
    },
    async erase(deps, me) {
      const ids = await deps.store.read.members.conversationIdsOf(me.id);
      for (const id of ids) await leaveConversation(deps, me, id).catch((err: unknown) => ignoreNotFound(err));
    },
  },
  {
    name: 'requests',
    tables: ['message_requests', 'request_rooms'],
    onDelete: 'Their pending requests are withdrawn: each recipient\'s Requests no longer shows them. Requests to them go with their conversations.',
    async *export(deps, me) {
      const sent = await deps.store.read.accounts.pendingRequestsFrom(me.id, BIG);
      yield { path: 'requests-sent.json', data: sent.map((r) => ({ conversationId: r.conversationId, recipientId: r.recipientId, createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt) })) };
    },
    async erase(deps, me) {
      for (;;) {
        const batch = await deps.store.read.accounts.pendingRequestsFrom(me.id, 200);
        if (batch.length === 0) return;
        await deps.store.write(async (tx) => {
          for (const r of batch) {
            const now = await tx.requests.of(r.conversationId, r.recipientId);
            if (now?.state === 'pending') await expirePending(deps, tx, now);
          }
        });
      }
    },
  },
  {
    name: 'reports',
    tables: ['reports', 'moderation_audit'],
    onDelete: 'Kept for moderators: reports they filed and reports about them, and the audit log.',
    async *export(deps, me) {
      const mine = await deps.store.read.accounts.reportsBy(me.id, BIG);
      // What they filed and its state; never the moderators' notes or who else reported.
      yield { path: 'reports-filed.json', data: mine.map((r) => ({ id: r.id, target: r.target, reason: r.reason, note: r.note, state: r.state, createdAt: iso(r.createdAt) })) };
    },
  },
  {
    name: 'message actions',
    tables: ['reactions', 'message_versions', 'hidden_messages', 'kept_messages'],
    onDelete:
      'Not erased yet: their reactions stay on the messages (from "Deleted user"), earlier versions of messages they edited stay for moderators (like reports), and their delete-for-me marks and keep-for-reporting copies stay until those expire (kept copies after 30 days).',
    notExported: 'Reactions, earlier versions and personal marks are not in the export yet (the messages themselves are, as they read now).',
  },
  {
    name: 'rooms',
    tables: ['rooms', 'room_invites', 'room_participants', 'room_events', 'room_messages', 'audio_participants', 'room_visits', 'backstage_channels', 'room_qa', 'questions', 'question_votes'],
    onDelete: 'Their presence in live rooms ends when their sockets close (the presence grace); room chat they sent and questions they asked stay (until the room\'s chat retention), shown as from "Deleted user".',
    notExported: 'Room chat and Q&A are not in the export yet (they are readable in the room and its replay).',
  },
];

/** Tables that hold nothing about one person, or only copies, with the reason. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  schema_migrations: 'the schema version',
  server_secrets: 'keys of the deployment',
  jobs: 'background work; payloads name ids only',
  events: 'the bounded replay log: copies of rows above, addressed by id',
  invites: 'invite codes; used_by keeps the id for the operator',
  audio_events: 'webhook ids of the audio service',
  audio_rooms: 'links between the audio service\'s rooms and ours',
  link_previews: 'the preview cache per URL (cards of public pages), shared by every message that links there',
  link_images: 'preview images re-encoded by the server, named by the cards that use them',
};

function ignoreNotFound(err: unknown): void {
  if ((err as { code?: string }).code !== 'not_found') throw err;
}
