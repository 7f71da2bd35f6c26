/** The conversation's derived views: rows grouped by sender and day, pending sends, "Seen", "typing…". */
import type { Conversation, Message } from '@backchannel/protocol';
import type { State } from '../../app/state.js';
import { memberName } from '../../lib/conversations.js';
import { dayKey } from '../../lib/time.js';
import type { MessageIndex } from './messageIndex.js';
import type { PendingMessage } from './state.js';

export type Row =
  | { kind: 'day'; key: string; at: string }
  | { kind: 'system'; key: string; message: Message }
  | { kind: 'group'; key: string; senderId: string; messages: Message[]; pending: PendingMessage[] };


/**
 * Rows for the conversation view: a day divider whenever the day changes, system notes on their
 * own, and runs of consecutive messages from one sender (within 5 minutes) as one group. Pending
 * sends are appended to my trailing group, or form one.
 */
export function buildRows(messages: readonly Message[], pending: readonly PendingMessage[], myId: string): Row[] {
  const rows: Row[] = [];
  let day = '';
  let group: Extract<Row, { kind: 'group' }> | null = null;
  for (const m of messages) {
    const d = dayKey(m.createdAt);
    if (d !== day) {
      rows.push({ kind: 'day', key: `day-${d}`, at: m.createdAt });
      day = d;
      group = null;
    }
    if (m.kind === 'system') {
      rows.push({ kind: 'system', key: m.id, message: m });
      group = null;
      continue;
    }
    const last = group?.messages[group.messages.length - 1];
    if (group && group.senderId === m.senderId && last && Date.parse(m.createdAt) - Date.parse(last.createdAt) < 5 * 60_000) {
      group.messages.push(m);
    } else {
      group = { kind: 'group', key: `g-${m.id}`, senderId: m.senderId, messages: [m], pending: [] };
      rows.push(group);
    }
  }
  if (pending.length > 0) {
    const tail = rows[rows.length - 1];
    if (tail?.kind === 'group' && tail.senderId === myId) tail.pending.push(...pending);
    else rows.push({ kind: 'group', key: `p-${pending[0]!.clientMessageId}`, senderId: myId, messages: [], pending: [...pending] });
  }
  return rows;
}


export function pendingFor(outbox: State['conversation']['outbox'], conversationId: string): PendingMessage[] {
  return Object.values(outbox)
    .filter((p) => p.conversationId === conversationId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}


/**
 * The id of my latest message in a 1:1 that the other member has read, if it is my latest message
 * overall ("Seen" shows under it). Groups and requests show no receipt.
 */
export function seenMessageId(state: State, c: Conversation): string | null {
  return seenIn(state.conversation.messages[c.id], state.conversation.reads[c.id], c, state.session.me?.id);
}

/** The same from the conversation's index and read positions (MessageList subscribes to just those). */
export function seenIn(index: MessageIndex | undefined, reads: Readonly<Record<string, number>> | undefined, c: Conversation, myId: string | undefined): string | null {
  if (c.kind !== 'direct' || c.folder !== 'inbox' || !myId) return null;
  const other = c.members.find((m) => m.id !== myId);
  const read = other ? reads?.[other.id] : undefined;
  let mineLast: Message | undefined;
  // From the newest back: my latest text message is usually among the last few.
  for (let i = (index?.ids.length ?? 0) - 1; i >= 0 && !mineLast; i--) {
    const m = index!.byId[index!.ids[i]!]!;
    if (m.senderId === myId && m.kind === 'text') mineLast = m;
  }
  if (read === undefined || !mineLast || read < mineLast.seq) return null;
  return mineLast.id;
}


export function typingNames(state: State, c: Conversation, now: number): string[] {
  return typingNamesIn(state.conversation.typing[c.id], c, now);
}

/** The same from the conversation's typing record alone (TypingIndicator subscribes to just that). */
export function typingNamesIn(typing: Readonly<Record<string, number>> | undefined, c: Conversation, now: number): string[] {
  const entries = Object.entries(typing ?? {});
  return entries.filter(([, until]) => until > now).map(([userId]) => memberName(c, userId).split(' ')[0] ?? 'Someone');
}
