/**
 * Ops that the server answers with an `ack` or an `error` frame carrying the op's id (the room ops:
 * `room.subscribe`, `room.message.send`, `room.hand`), awaited as promises. A connection that
 * closes first rejects every one still open with `network_error`: whether it was applied is
 * unknown, so callers retry idempotent ops (a room send keeps its clientMessageId) or re-subscribe.
 */
import { BackchannelError } from './errors.js';

interface Waiter {
  resolve: (data: unknown) => void;
  reject: (err: BackchannelError) => void;
}

export class PendingRequests {
  private readonly open = new Map<string, Waiter>();

  add(id: string): Promise<unknown> {
    return new Promise((resolve, reject) => this.open.set(id, { resolve, reject }));
  }

  /** True when the ack answered one of ours (and so is handled). */
  settle(id: string, data: unknown): boolean {
    const w = this.open.get(id);
    if (!w) return false;
    this.open.delete(id);
    w.resolve(data);
    return true;
  }

  fail(id: string, err: BackchannelError): boolean {
    const w = this.open.get(id);
    if (!w) return false;
    this.open.delete(id);
    w.reject(err);
    return true;
  }

  failAll(reason: string): void {
    const all = [...this.open.values()];
    this.open.clear();
    for (const w of all) w.reject(new BackchannelError('network_error', reason));
  }
}
