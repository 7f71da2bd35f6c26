/**
 * The requests inbox: bodies and responses of `/v1/requests…` (docs/subsystems/message-requests.md).
 * A pending request is a conversation in the viewer's `requests` folder; its `request` field holds
 * the trust context. Actions answer exactly as if the request did not exist when it is not the
 * caller's (or no longer pending): `not_found`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Conversation } from './entities.js';
import { ReportReason } from './reports.js';

const strict = { additionalProperties: false } as const;

export const RequestListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
  strict,
);
export type RequestListQuery = Static<typeof RequestListQuery>;
export const RequestList = Type.Object({
  /** Pending requests, newest first; each has `folder: 'requests'` and a `request` object. */
  conversations: Type.Array(Conversation),
  /** How many pending requests the viewer has (for the tab badge). */
  count: Type.Integer({ minimum: 0 }),
});
export type RequestList = Static<typeof RequestList>;

export const ReportRequestBody = Type.Object(
  { reason: ReportReason, note: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
);
export type ReportRequestBody = Static<typeof ReportRequestBody>;

export const BulkDeleteRequestsBody = Type.Object(
  {
    /** Only requests whose sender's account is younger than this many days; omit for all. */
    accountYoungerThanDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  strict,
);
export type BulkDeleteRequestsBody = Static<typeof BulkDeleteRequestsBody>;
export const BulkDeleteResponse = Type.Object({ deleted: Type.Integer({ minimum: 0 }) });
export type BulkDeleteResponse = Static<typeof BulkDeleteResponse>;
