/**
 * The server entry: the TypeBox schemas every request, response, frame and event is validated
 * against (strict: unknown fields are rejected), with their `Static<>` types. Clients import
 * `@backchannel/protocol` instead, which carries the same types without TypeBox at run time.
 * See docs/adr/0004-one-wire-definition.md.
 */
export * from './entities.js';
export * from './http.js';
export * from './events.js';
export * from './frames.js';
export * from './reports.js';
export * from './requests.js';
export * from './rooms.js';
export * from './questions.js';
export * from './links.js';
export * from './messageActions.js';
export * from './media.js';
export * from './integrations.js';
export * from './tokens.js';
