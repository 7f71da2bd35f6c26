/**
 * The client entry: every wire type, and the few plain constants a client needs at run time (error
 * and close codes, limits, event type lists). The types are `Static<>` of the TypeBox schemas, which
 * stay the one definition; `export type` erases them, so importing this entry loads no TypeBox.
 * The server validates with the schemas themselves: `@backchannel/protocol/schemas`.
 * See docs/adr/0004-one-wire-definition.md.
 */
export * from './errors.js';
export * from './limits.js';
export * from './eventTypes.js';
export type * from './entities.js';
export type * from './http.js';
export type * from './events.js';
export type * from './frames.js';
export type * from './reports.js';
export type * from './requests.js';
export type * from './rooms.js';
export type * from './questions.js';
export type * from './integrations.js';
export type * from './links.js';
export type * from './messageActions.js';
export type * from './media.js';
export type * from './tokens.js';
export { TOKEN_SCOPES } from './tokenScopes.js';
