import type { UserRow } from '../../storage/store.js';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../context.js';

/** What every op handler receives: the validated frame and who sent it. */
export interface OpInput<F> {
  ctx: GatewayContext;
  conn: Connection;
  me: UserRow;
  frame: F;
}
