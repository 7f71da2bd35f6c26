/**
 * Row builders and helpers shared by the conformance suite. Each builder takes the fields a test
 * cares about and fills the rest with plain values, so tests read as "what matters here".
 */
import type { ConversationRow, EventRow, MemberRow, MessageRow, NewEvent, Store, UserRow } from '../store.js';

export interface OpenedStore {
  store: Store;
  /** Closes the store and removes everything it created (temp dir, schema). */
  cleanup: () => Promise<void>;
}
export type OpenStore = () => Promise<OpenedStore>;

export const T0 = 1_700_000_000_000;

export function user(id: string, username = id, displayName = `Name ${id}`): UserRow {
  return { id, username, displayName, bio: '', passwordHash: `hash-${id}`, createdAt: T0, roles: [], whoCanMessage: 'everyone', suspendedAt: null };
}

export function conversation(id: string, kind: ConversationRow['kind'] = 'group', at = T0): ConversationRow {
  return { id, kind, title: kind === 'group' ? `title ${id}` : null, moderatorId: null, lastSeq: 0, lastActivityAt: at, createdAt: at };
}

export function member(conversationId: string, userId: string, extra: Partial<MemberRow> = {}): MemberRow {
  return { conversationId, userId, folder: 'inbox', readSeq: 0, muted: false, pinned: false, archived: false, addedBy: null, joinedAt: T0, ...extra };
}

export function message(conversationId: string, seq: number, senderId: string, clientMessageId: string | null = null): MessageRow {
  return {
    id: `m-${conversationId}-${seq}-${senderId}`,
    conversationId,
    seq,
    senderId,
    clientMessageId,
    kind: 'text',
    text: `hello ${seq}`,
    entities: [],
    system: null,
    createdAt: T0 + seq,
  };
}

/** A conversation event (every member at event time sees it). */
export function convEvent(conversationId: string, tag: string): NewEvent {
  return { type: 'conversation.updated', conversationId, userId: null, payload: { tag }, createdAt: T0 };
}

/** An event addressed to one user. */
export function userEvent(userId: string, tag: string, conversationId: string | null = null): NewEvent {
  return { type: 'conversation.settings_updated', conversationId, userId, payload: { tag }, createdAt: T0 };
}

export const tags = (events: EventRow[]): string[] => events.map((e) => (e.payload as { tag: string }).tag);

export function expectAscendingGapless(events: EventRow[], from: number): void {
  events.forEach((e, i) => {
    if (e.pos !== from + i + 1) throw new Error(`expected pos ${from + i + 1} at index ${i}, got ${e.pos}`);
  });
}

/** Collects every batch the store reports as committed. */
export function recordCommits(store: Store): EventRow[][] {
  const batches: EventRow[][] = [];
  store.onCommitted((events) => void batches.push(events));
  return batches;
}
