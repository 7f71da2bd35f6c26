/**
 * The people slice: everyone we have seen as a member, kept after they leave so "Bea left" can
 * still name her, plus former members looked up by id (people.ts).
 */
import type { UserSummary } from '@backchannel/protocol';
import type { SliceReducer } from '../../core/store.js';
import type { Action, State } from '../../app/state.js';

export interface PeopleState {
  byId: Readonly<Record<string, UserSummary>>;
}

export const initialPeople: PeopleState = { byId: {} };

/** Former members looked up by id (people.ts), so their old messages keep a name. */
export type PeopleAction = { type: 'people.loaded'; users: readonly UserSummary[] };

export const reducePeople: SliceReducer<PeopleState, State, Action> = (own, action, { before, next }) => {
  let byId = own.byId;
  if (action.type === 'people.loaded') byId = { ...byId, ...Object.fromEntries(action.users.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }])) };
  byId = rememberMembers(byId, before.inbox.conversations, next.inbox.conversations);
  return byId === own.byId ? own : { byId };
};

/** Adds members of changed conversations (cheap: only conversations that changed). */
function rememberMembers(
  people: Readonly<Record<string, UserSummary>>,
  prev: State['inbox']['conversations'],
  next: State['inbox']['conversations'],
): Readonly<Record<string, UserSummary>> {
  if (prev === next) return people;
  let out = people;
  for (const [id, c] of Object.entries(next)) {
    if (prev[id] === c) continue;
    for (const m of c.members) {
      const known = out[m.id];
      if (known && known.displayName === m.displayName && known.username === m.username) continue;
      if (out === people) out = { ...people };
      (out as Record<string, UserSummary>)[m.id] = m;
    }
  }
  return out;
}
