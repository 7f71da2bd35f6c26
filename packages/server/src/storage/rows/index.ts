/** Every row type of the storage ports (one file per area; mappers beside them, for the backends). */
export type { AuditRow } from './audit.js';
export type { RequestRoomRow, RoomVisitRow, SharedRoomRow } from './backstage.js';
export type { ConversationRow } from './conversations.js';
export type { EventRow, NewEvent } from './events.js';
export type { GhostMemberRow } from './ghosts.js';
export type { JobRow, JobState, NewJob } from './jobs.js';
export type { LinkCacheRow, LinkCard, LinkImageRow } from './links.js';
export type { MemberPatch, MemberRow } from './members.js';
export type { AttachmentRow, UploadRow } from './uploads.js';
export type { MessageRow, TombstoneRow } from './messages.js';
export type { KeptMessageRow, MessageVersionRow, ReactionRow } from './messageChanges.js';
export type { ReportRow } from './reports.js';
export type { RequestRow, RequestState } from './requests.js';
export type { SessionRow, SocketTicketRow } from './sessions.js';
export type { ShadowMessageRow } from './shadows.js';
export type { UserRow, WhoCanMessage } from './users.js';
