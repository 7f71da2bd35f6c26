/** Every storage port, by area, and the `Tx` that composes them (tx.ts). */
export type { Tx } from './tx.js';
export type { EventsRepo } from './events.js';
export type { GraphRepo } from './graph.js';
export type { UserPatch, UsersRepo } from './users.js';
