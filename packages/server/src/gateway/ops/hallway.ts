/** `hallway.subscribe` / `hallway.unsubscribe`: the live hallway on this socket (gateway/hallwayFeed.ts); it ends with the socket. */
import type { ClientFrame } from '@backchannel/protocol';
import type { Connection } from '../connection.js';
import type { OpInput } from './types.js';

/** Sockets whose close already ends their hallway subscription (one listener per socket). */
const watched = new WeakSet<Connection>();

export function handleHallwaySubscribe({ ctx, conn, frame }: OpInput<Extract<ClientFrame, { op: 'hallway.subscribe' }>>): void {
  if (!watched.has(conn)) {
    watched.add(conn);
    conn.ws.once('close', () => ctx.hallway.unsubscribe(conn));
  }
  ctx.hallway.subscribe(conn);
  if (frame.id !== undefined) conn.send({ type: 'ack', id: frame.id, data: { ok: true } });
}

export function handleHallwayUnsubscribe({ ctx, conn, frame }: OpInput<Extract<ClientFrame, { op: 'hallway.unsubscribe' }>>): void {
  ctx.hallway.unsubscribe(conn);
  if (frame.id !== undefined) conn.send({ type: 'ack', id: frame.id, data: { ok: true } });
}
