/** Every storage port, by area, and the `Tx` that composes them (tx.ts). */
export type { Tx } from './tx.js';
export type { AuditRepo } from './audit.js';
export type { AudioParticipantRow, AudioRepo } from './audio.js';
export type { ConversationListFilter, ConversationListItem, ConversationsRepo } from './conversations.js';
export type { EventsRepo } from './events.js';
export type { GhostsRepo } from './ghosts.js';
export type { GraphRepo } from './graph.js';
export type { InvitesRepo } from './invites.js';
export type { MemberPosition, MembersRepo } from './members.js';
export type { DirectSendContext, HistoryRange, MessagesRepo, SendContext } from './messages.js';
export type { ReportsRepo } from './reports.js';
export type { RequestsRepo } from './requests.js';
export type { SecretsRepo } from './secrets.js';
export type { SessionsRepo } from './sessions.js';
export type { ShadowsRepo } from './shadows.js';
export type { SocketTicketsRepo } from './socketTickets.js';
export type { RoomsRepo } from './rooms.js';
export type { UserPatch, UsersRepo } from './users.js';
