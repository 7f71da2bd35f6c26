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
import type { EventsRepo } from './events.js';
import type { GraphRepo } from './graph.js';
import type { UsersRepo } from './users.js';

export interface Tx {
  readonly users: UsersRepo;
  readonly graph: GraphRepo;
  readonly events: EventsRepo;
}
