/**
 * Where this device is in its event stream. The server's cursors are opaque tokens (no order, no
 * arithmetic: docs/subsystems/delivery.md), and it sends events in stream order, so the cursor is
 * simply the last token delivered or the one `ready` / `GET /v1/sync` handed over. Every delivery
 * of one event carries the same token, so a token seen recently is a duplicate and is dropped.
 */
import type { CursorStore } from './socketOptions.js';

/** Duplicates come from a replay overlapping what was just seen: a short memory is enough. */
const RECENT_MAX = 1024;

export class StreamCursor {
  private value: string | null;
  private loaded: boolean;
  private readonly recent = new Set<string>();

  constructor(
    initial: string | null | undefined,
    private readonly store: CursorStore | undefined,
  ) {
    this.value = initial ?? null;
    this.loaded = initial !== undefined && initial !== null;
  }

  /** The last durable `pos` delivered, or the cursor the server handed over (null = none yet). */
  get current(): string | null {
    return this.value;
  }

  /** Reads the persisted cursor once; an older SDK's numeric cursor means "none" (the server refuses it). */
  async load(): Promise<void> {
    if (this.loaded || !this.store) return;
    try {
      const stored: unknown = await this.store.load();
      if (this.value === null && typeof stored === 'string' && stored !== '') this.value = stored;
    } catch {
      // An unreadable store means resuming from "now"; the app's HTTP load covers the rest.
    }
    this.loaded = true;
  }

  /** True the first time a `pos` is seen (and remembers it); false for a repeat. */
  admit(pos: string): boolean {
    if (this.recent.has(pos)) return false;
    this.recent.add(pos);
    if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.values().next().value as string);
    return true;
  }

  moveTo(cursor: string): void {
    if (cursor === this.value) return;
    this.value = cursor;
    try {
      void Promise.resolve(this.store?.save(cursor)).catch(() => {});
    } catch {
      // Persisting is best effort: at worst a reload replays a few events, which are deduplicated.
    }
  }
}
