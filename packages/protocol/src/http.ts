/**
 * HTTP request and response bodies. Routes use these objects as their Fastify schemas, so the same
 * definition validates input, types the handlers and generates `GET /openapi.json`.
 * Objects are strict: unknown fields are rejected with `bad_request`, and types are never coerced
 * (`{"text": 5}` is refused, not stored as "5"); query-string integers must be plain decimal digits.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LIMITS } from './limits.js';
import { Conversation, Cursor, Id, Me, Message, Profile, Seq, UserSummary, WhoCanMessage } from './entities.js';

const strict = { additionalProperties: false } as const;

export const Username = Type.String({
  minLength: LIMITS.usernameMin,
  maxLength: LIMITS.usernameMax,
  pattern: '^[A-Za-z0-9_]+$',
  description: 'Letters, digits and underscore; unique ignoring case.',
});
export const DisplayName = Type.String({ minLength: 1, maxLength: LIMITS.displayNameMax });
export const Password = Type.String({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax });

export const SignupBody = Type.Object(
  { username: Username, displayName: DisplayName, password: Password, inviteCode: Type.Optional(Type.String({ maxLength: 64 })) },
  { ...strict, examples: [{ username: 'ada_l', displayName: 'Ada Lovelace', password: 'correct horse battery staple' }] },
);
export type SignupBody = Static<typeof SignupBody>;
export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }) },
  { ...strict, examples: [{ username: 'ada_l', password: 'correct horse battery staple' }] },
);
export type LoginBody = Static<typeof LoginBody>;
export const SessionResponse = Type.Object({ token: Type.String(), user: Me });
export type SessionResponse = Static<typeof SessionResponse>;

export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    bio: Type.Optional(Type.String({ maxLength: LIMITS.bioMax })),
    whoCanMessage: Type.Optional(WhoCanMessage),
  },
  strict,
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;
/** Deleting one's own account asks for the password again (docs/subsystems/accounts.md). */
export const DeleteAccountBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }) }, strict);
export type DeleteAccountBody = Static<typeof DeleteAccountBody>;
/** Setting a new password with the one-time token an operator issued (`admin reset-password`). */
export const ResetPasswordBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }), password: Password }, strict);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const SearchUsersQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 64 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, strict);
export const UserList = Type.Object({ users: Type.Array(UserSummary) });
export type UserList = Static<typeof UserList>;
export const PageQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })) }, strict);

export const IdParams = Type.Object({ id: Id }, strict);
export const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
export const MemberParams = Type.Object({ id: Id, userId: Id }, strict);

export const CreateDirectBody = Type.Object(
  {
    userId: Id,
    /** Messaging someone from a room's attendee list: if it becomes a request, it carries the room ("from <room title>"). Both must have been in the room. */
    roomId: Type.Optional(Id),
  },
  { ...strict, examples: [{ userId: 'u_8fK2mQx1' }] },
);
export type CreateDirectBody = Static<typeof CreateDirectBody>;
export const CreateGroupBody = Type.Object(
  { title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax })), memberIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }) },
  { ...strict, examples: [{ title: 'Friday hosts', memberIds: ['u_8fK2mQx1', 'u_3Lp9xZr7'] }] },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;
export const RenameBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: LIMITS.titleMax }) }, strict);
export const AddMembersBody = Type.Object({ userIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }) }, strict);
export const SettingsBody = Type.Object(
  { muted: Type.Optional(Type.Boolean()), pinned: Type.Optional(Type.Boolean()), archived: Type.Optional(Type.Boolean()) },
  strict,
);
export type SettingsBody = Static<typeof SettingsBody>;
export const ReadBody = Type.Object({ seq: Seq }, strict);

export const ConversationListQuery = Type.Object(
  {
    folder: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('requests'), Type.Literal('archived')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
    /** Page token: the `next` value of the previous page. */
    before: Type.Optional(Type.String({ maxLength: 128 })),
  },
  strict,
);
export type ConversationListQuery = Static<typeof ConversationListQuery>;
export const ConversationList = Type.Object({ conversations: Type.Array(Conversation), next: Type.Union([Type.String(), Type.Null()]) });
export type ConversationList = Static<typeof ConversationList>;
export const ConversationResponse = Type.Object({ conversation: Conversation });
export const MemberListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
    /** Page token: the `next` value of the previous page. */
    after: Type.Optional(Type.String({ maxLength: 128 })),
  },
  strict,
);
export type MemberListQuery = Static<typeof MemberListQuery>;
/** The people a conversation lists, in the order of `Conversation.members` (by when they were added). */
export const MemberPage = Type.Object({ members: Type.Array(UserSummary), next: Type.Union([Type.String(), Type.Null()]) });
export type MemberPage = Static<typeof MemberPage>;

export const HistoryQuery = Type.Object(
  {
    before: Type.Optional(Seq),
    after: Type.Optional(Seq),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  strict,
);
export type HistoryQuery = Static<typeof HistoryQuery>;
export const MessagePage = Type.Object({
  messages: Type.Array(Message),
  /** True when more messages exist beyond this page in the direction asked. */
  hasMore: Type.Boolean(),
});
export type MessagePage = Static<typeof MessagePage>;

export const SendMessageBody = Type.Object(
  {
    clientMessageId: Type.String({ minLength: 1, maxLength: LIMITS.clientMessageIdMax, pattern: '^[A-Za-z0-9_.:-]+$' }),
    // The 4,000-character limit is checked after NFC normalisation in the domain (413 too_large);
    // this cap only stops absurd bodies early.
    text: Type.String({ maxLength: LIMITS.messageBytes }),
    /** Uploads of yours (`POST /v1/uploads`) to send with the message, at most 10; the text may then be empty (a caption). */
    attachments: Type.Optional(Type.Array(Id, { maxItems: 10, uniqueItems: true })),
    /** Quote a message of the same conversation (`not_found` for any other). */
    replyToId: Type.Optional(Id),
  },
  { ...strict, examples: [{ clientMessageId: '0b6f7c1e-9d2a-4a57-8f55-2f4d3c1a9e10', text: 'See you in the room at eight?' }] },
);
export type SendMessageBody = Static<typeof SendMessageBody>;
export const MessageResponse = Type.Object({ message: Message });
export type MessageResponse = Static<typeof MessageResponse>;

export const SyncHead = Type.Object({ cursor: Cursor });
export type SyncHead = Static<typeof SyncHead>;
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const ProfileResponse = Type.Object({ profile: Profile });
export const MeResponse = Type.Object({ user: Me });

export const ErrorResponse = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  {},
);

export type { TSchema };
