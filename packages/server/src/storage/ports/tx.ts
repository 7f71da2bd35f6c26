/**
 * The transaction object: one small repo per storage area, composed (not inherited). A domain
 * action gets a `Tx` from `Store.write` (or `Store.read` for committed reads) and calls only the
 * areas it needs: `tx.users.byId(id)`, `tx.events.append(e)`.
 *
 * Adding an area (say `rooms`): a port in `ports/rooms.ts`, its row types in `rows/rooms.ts`, one
 * implementation per backend (`sqlite/rooms.ts`, `postgres/rooms.ts`), a conformance file
 * (`conformance/roomsConformance.ts`), one migration per backend, and one line here plus one line in
 * each backend's composition (`sqlite/tx.ts`, `postgres/tx.ts`). See docs/architecture.md.
 */
import type { AccountsRepo } from './accounts.js';
import type { AudioRepo } from './audio.js';
import type { AuditRepo } from './audit.js';
import type { BackstageRepo } from './backstage.js';
import type { ConversationsRepo } from './conversations.js';
import type { EventsRepo } from './events.js';
import type { GhostsRepo } from './ghosts.js';
import type { GraphRepo } from './graph.js';
import type { InvitesRepo } from './invites.js';
import type { JobRepo } from './jobs.js';
import type { LinksRepo } from './links.js';
import type { UploadsRepo } from './uploads.js';
import type { MembersRepo } from './members.js';
import type { MessagesRepo } from './messages.js';
import type { QuestionsRepo } from './questions.js';
import type { MessageEditsRepo } from './messageEdits.js';
import type { MessageMarksRepo } from './messageMarks.js';
import type { ReactionsRepo } from './reactions.js';
import type { ReportsRepo } from './reports.js';
import type { RequestsRepo } from './requests.js';
import type { SecretsRepo } from './secrets.js';
import type { SessionsRepo } from './sessions.js';
import type { ShadowsRepo } from './shadows.js';
import type { SocketTicketsRepo } from './socketTickets.js';
import type { RoomsRepo } from './rooms.js';
import type { RoomVisitsRepo } from './roomVisits.js';
import type { UsersRepo } from './users.js';

export interface Tx {
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly invites: InvitesRepo;
  readonly socketTickets: SocketTicketsRepo;
  readonly secrets: SecretsRepo;
  readonly graph: GraphRepo;
  readonly conversations: ConversationsRepo;
  readonly members: MembersRepo;
  readonly messages: MessagesRepo;
  readonly events: EventsRepo;
  readonly requests: RequestsRepo;
  readonly ghosts: GhostsRepo;
  readonly shadows: ShadowsRepo;
  readonly reports: ReportsRepo;
  readonly audit: AuditRepo;
  readonly rooms: RoomsRepo;
  readonly audio: AudioRepo;
  readonly jobs: JobRepo;
  readonly backstage: BackstageRepo;
  readonly roomVisits: RoomVisitsRepo;
  readonly questions: QuestionsRepo;
  readonly links: LinksRepo;
  readonly accounts: AccountsRepo;
  readonly uploads: UploadsRepo;
  readonly messageEdits: MessageEditsRepo;
  readonly reactions: ReactionsRepo;
  readonly messageMarks: MessageMarksRepo;
}
