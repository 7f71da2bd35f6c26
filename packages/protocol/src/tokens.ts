/**
 * API tokens: long-lived bearer tokens a person creates for scripts and integrations, each limited
 * to scopes (docs/api/tokens.md, ADR 0023). A device session (sign-up, log-in) has every scope; a
 * token has only the ones it was created with, and cannot manage tokens or the account.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './entities.js';
import type { TOKEN_SCOPES } from './tokenScopes.js';

const strict = { additionalProperties: false } as const;

/** `read`: every GET; `send`: send messages and move read positions; `manage`: every other write (conversations, requests, follows, rooms). */
export const TokenScope = Type.Union([Type.Literal('read'), Type.Literal('send'), Type.Literal('manage')], { description: '`read`: GET routes; `send`: sending messages and read positions; `manage`: every other write.' });
export type TokenScope = Static<typeof TokenScope>;
/** Fails to compile when the runtime list (tokenScopes.ts) and the schema disagree. */
type Complete<Missing extends never> = Missing;
export type TokenScopesComplete = Complete<Exclude<TokenScope, (typeof TOKEN_SCOPES)[number]> | Exclude<(typeof TOKEN_SCOPES)[number], TokenScope>>;

export const ApiToken = Type.Object({
  id: Id,
  label: Type.String(),
  scopes: Type.Array(TokenScope),
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type ApiToken = Static<typeof ApiToken>;

export const CreateTokenBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 64, description: 'What it is for, shown in the list.' }),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 3, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Default 90.' })),
  },
  { ...strict, examples: [{ label: 'inbox digest script', scopes: ['read'], expiresInDays: 30 }] },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;
/** The secret `token` is shown here once; only its hash is stored. */
export const CreatedTokenResponse = Type.Object({ token: Type.String(), apiToken: ApiToken });
export type CreatedTokenResponse = Static<typeof CreatedTokenResponse>;
export const TokenList = Type.Object({ tokens: Type.Array(ApiToken) });
export type TokenList = Static<typeof TokenList>;
