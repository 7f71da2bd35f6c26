/**
 * The state of optimistic sends, without any I/O: which messages are pending, which request carries
 * each, and which settled. The socket decides when to transmit; this file only keeps the books.
 * A message keeps its clientMessageId for life, so every retry is the same idempotent write
 * (RELIABILITY.md, Delivery: "Idempotent sends").
 */
import type { Message } from '@backchannel/protocol';
import type { BackchannelError } from './errors.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** An immutable snapshot; each change produces a new one (handy for UI state). */
export interface OutboxEntry {
  readonly clientMessageId: string;
  readonly conversationId: string;
  readonly text: string;
  /** The message this one replies to, if any. */
  readonly replyToId?: string;
  readonly status: OutboxStatus;
  /** How many times it was transmitted. */
  readonly attempts: number;
  /** The server's message once `sent`. */
  readonly message: Message | null;
  /** Why it `failed` (always a definite error, e.g. `cannot_message`, `too_large`). */
  readonly error: BackchannelError | null;
}

interface Record_ {
  entry: OutboxEntry;
  /** The id of the `message.send` op awaiting an answer; null while queued. */
  requestId: string | null;
}

export class Outbox {
  private readonly records = new Map<string, Record_>();
  private readonly byRequest = new Map<string, string>();
  private readonly waiters = new Map<string, Array<(entry: OutboxEntry) => void>>();

  add(conversationId: string, text: string, clientMessageId: string, replyToId?: string): OutboxEntry {
    const existing = this.records.get(clientMessageId);
    if (existing) return existing.entry; // the same send named twice is still one send
    const entry: OutboxEntry = { clientMessageId, conversationId, text, ...(replyToId !== undefined ? { replyToId } : {}), status: 'pending', attempts: 0, message: null, error: null };
    this.records.set(clientMessageId, { entry, requestId: null });
    return entry;
  }

  get(clientMessageId: string): OutboxEntry | undefined {
    return this.records.get(clientMessageId)?.entry;
  }

  /** Unsettled and failed entries, oldest first (sent ones are dropped once reported). */
  list(): OutboxEntry[] {
    return [...this.records.values()].map((r) => r.entry);
  }

  /** Pending entries with no request in flight, oldest first: what to transmit next. */
  queued(): OutboxEntry[] {
    return [...this.records.values()].filter((r) => r.entry.status === 'pending' && r.requestId === null).map((r) => r.entry);
  }

  isQueued(clientMessageId: string): boolean {
    const r = this.records.get(clientMessageId);
    return r !== undefined && r.entry.status === 'pending' && r.requestId === null;
  }

  markInFlight(clientMessageId: string, requestId: string): void {
    const r = this.records.get(clientMessageId);
    if (!r) return;
    r.requestId = requestId;
    r.entry = { ...r.entry, attempts: r.entry.attempts + 1 };
    this.byRequest.set(requestId, clientMessageId);
  }

  /** Which send a `message.send` answer belongs to; undefined for stale or foreign ids. */
  forRequest(requestId: string): OutboxEntry | undefined {
    const id = this.byRequest.get(requestId);
    return id === undefined ? undefined : this.records.get(id)?.entry;
  }

  /** Back to the queue without settling (the answer will never come, or a retry is scheduled). */
  requeue(clientMessageId: string): void {
    const r = this.records.get(clientMessageId);
    if (!r || r.requestId === null) return;
    this.byRequest.delete(r.requestId);
    r.requestId = null;
  }

  /** The connection dropped: no answer will arrive for anything in flight, so all of it goes back. */
  requeueAll(): void {
    for (const id of [...this.byRequest.values()]) this.requeue(id);
  }

  /** Sent: report once, then forget it so a long-running client does not grow without bound. */
  settleSent(clientMessageId: string, message: Message): OutboxEntry | undefined {
    const r = this.records.get(clientMessageId);
    if (!r || r.entry.status !== 'pending') return undefined;
    this.requeue(clientMessageId);
    this.records.delete(clientMessageId);
    return this.resolve({ ...r.entry, status: 'sent', message, error: null });
  }

  settleFailed(clientMessageId: string, error: BackchannelError): OutboxEntry | undefined {
    const r = this.records.get(clientMessageId);
    if (!r || r.entry.status !== 'pending') return undefined;
    this.requeue(clientMessageId);
    r.entry = { ...r.entry, status: 'failed', error };
    return this.resolve(r.entry);
  }

  /** failed → pending, keeping the clientMessageId; undefined unless it had failed. */
  retry(clientMessageId: string): OutboxEntry | undefined {
    const r = this.records.get(clientMessageId);
    if (!r || r.entry.status !== 'failed') return undefined;
    r.entry = { ...r.entry, status: 'pending', error: null };
    return r.entry;
  }

  /** Forget an entry (e.g. the user deleted a failed message). Waiters are not resolved. */
  discard(clientMessageId: string): boolean {
    this.requeue(clientMessageId);
    this.waiters.delete(clientMessageId);
    return this.records.delete(clientMessageId);
  }

  /** Resolves with the entry once it is sent or failed (never rejects, so nothing goes unhandled). */
  whenSettled(clientMessageId: string): Promise<OutboxEntry> {
    const entry = this.get(clientMessageId);
    if (entry && entry.status !== 'pending') return Promise.resolve(entry);
    return new Promise((resolve) => {
      const list = this.waiters.get(clientMessageId) ?? [];
      list.push(resolve);
      this.waiters.set(clientMessageId, list);
    });
  }

  private resolve(entry: OutboxEntry): OutboxEntry {
    const list = this.waiters.get(entry.clientMessageId);
    this.waiters.delete(entry.clientMessageId);
    for (const resolve of list ?? []) resolve(entry);
    return entry;
  }
}
