/**
 * Derived views of the state: which conversations each inbox tab shows and in what order, titles,
 * the rows of a conversation (messages grouped by sender and day), "Seen" and "typing…".
 */
import type { Conversation, Message, RequestInfo, UserSummary } from '@backchannel/protocol';
import { dayKey } from './time.js';
import type { PendingMessage, State } from '../app/state.js';

export type InboxTab = 'inbox' | 'requests' | 'archived';

export function inTab(c: Conversation, tab: InboxTab): boolean {
  if (tab === 'requests') return c.folder === 'requests';
  if (tab === 'archived') return c.folder === 'inbox' && c.archived;
  return c.folder === 'inbox' && !c.archived;
}

/** Pinned first, then by last activity, newest first (ties broken by id for a stable order). */
export function conversationsIn(state: State, tab: InboxTab): Conversation[] {
  return Object.values(state.conversations)
    .filter((c) => inTab(c, tab))
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt) || a.id.localeCompare(b.id));
}

export function requestCount(state: State): number {
  return Object.values(state.conversations).filter((c) => c.folder === 'requests').length;
}

/** Unmuted unread conversations in the main inbox: the number on the paper-plane button. */
export function unreadConversations(state: State): number {
  return Object.values(state.conversations).filter((c) => inTab(c, 'inbox') && !c.muted && c.unreadCount > 0).length;
}

export function otherMembers(c: Conversation, myId: string | undefined): UserSummary[] {
  const others = c.members.filter((m) => m.id !== myId);
  return others.length > 0 ? others : c.members;
}

export function conversationTitle(c: Conversation, myId: string | undefined): string {
  if (c.kind === 'group' && c.title) return c.title;
  const names = otherMembers(c, myId).map((m) => m.displayName);
  if (c.kind === 'direct') return names[0] ?? 'Conversation';
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/** My 1:1 with this person, if this session knows it (there is at most one per pair). */
export function directWith(state: State, userId: string): Conversation | undefined {
  return Object.values(state.conversations).find((c) => c.kind === 'direct' && c.members.some((m) => m.id === userId) && c.members.some((m) => m.id === state.me?.id));
}

export type People = Readonly<Record<string, UserSummary>>;

/** A member's name; former members are found in `people` (see State.people). */
export function memberName(c: Conversation | undefined, userId: string, myId?: string, people: People = {}): string {
  if (userId === myId) return 'You';
  return c?.members.find((m) => m.id === userId)?.displayName ?? people[userId]?.displayName ?? 'Someone';
}

/** The one-line text a system message stands for ("Ada renamed the group to …"). */
export function systemText(c: Conversation | undefined, m: Message, myId?: string, people: People = {}): string {
  const s = m.system;
  if (!s) return m.text;
  const actor = memberName(c, s.actorId, myId, people);
  const targets = (s.targetIds ?? []).map((id) => memberName(c, id, myId, people)).join(', ');
  switch (s.action) {
    case 'created':
      return s.title ? `${actor} created “${s.title}”` : `${actor} started the group`;
    case 'renamed':
      return `${actor} renamed the group to “${s.title ?? ''}”`;
    case 'member_added':
      return `${actor} added ${targets || 'someone'}`;
    case 'member_removed':
      return `${actor} removed ${targets || 'someone'}`;
    case 'member_left':
      return `${actor} left`;
  }
}

export function lastMessagePreview(c: Conversation, myId?: string, people: People = {}): string {
  const m = c.lastMessage;
  if (!m) return 'No messages yet';
  if (m.kind === 'system') return systemText(c, m, myId, people);
  const prefix = m.senderId === myId ? 'You: ' : c.kind === 'group' ? `${memberName(c, m.senderId, myId, people).split(' ')[0]}: ` : '';
  return prefix + m.text.replace(/\s+/g, ' ');
}

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

export function pendingFor(state: State, conversationId: string): PendingMessage[] {
  return Object.values(state.outbox)
    .filter((p) => p.conversationId === conversationId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * The id of my latest message in a 1:1 that the other member has read, if it is my latest message
 * overall ("Seen" shows under it). Groups and requests show no receipt.
 */
export function seenMessageId(state: State, c: Conversation): string | null {
  const myId = state.me?.id;
  if (c.kind !== 'direct' || c.folder !== 'inbox' || !myId) return null;
  const other = c.members.find((m) => m.id !== myId);
  const read = other ? state.reads[c.id]?.[other.id] : undefined;
  const items = state.messages[c.id]?.items ?? [];
  const mineLast = [...items].reverse().find((m) => m.senderId === myId && m.kind === 'text');
  if (read === undefined || !mineLast || read < mineLast.seq) return null;
  return mineLast.id;
}

const firstName = (name: string) => name.split(' ')[0] || name;

/**
 * The note on my side of a request I sent (ConversationScreen), or null when this session learnt
 * nothing about it. It names whoever accepted, which in a group is one member among several.
 */
export function sentRequestNote(state: State, c: Conversation): { state: 'pending' | 'accepted'; text: string } | null {
  const sent = state.sentRequests[c.id];
  if (!sent) return null;
  const myId = state.me?.id;
  if (sent.state === 'accepted') return { state: 'accepted', text: `${firstName(memberName(c, sent.by, myId, state.people))} accepted your message request. Chat away!` };
  const other = c.kind === 'direct' ? otherMembers(c, myId)[0] : undefined;
  return { state: 'pending', text: `Your message request is waiting. You can send more once ${other ? `${firstName(other.displayName)} accepts` : 'they accept'} it.` };
}

export function typingNames(state: State, c: Conversation, now: number): string[] {
  const entries = Object.entries(state.typing[c.id] ?? {});
  return entries.filter(([, until]) => until > now).map(([userId]) => memberName(c, userId).split(' ')[0] ?? 'Someone');
}

/**
 * The trust context shown on a request (PRODUCT.md §2): mutual follows and account age, as short
 * phrases, e.g. ["Followed by Bea Baker and 2 others you follow", "New account · joined 3 days ago"].
 */
export function requestTrustLines(request: RequestInfo): string[] {
  const { mutualFollowCount: n, mutualFollows, accountAgeDays: days } = request.trust;
  const first = mutualFollows[0]?.displayName;
  const mutual =
    n === 0 || !first ? 'No one you follow follows them' : n === 1 ? `Followed by ${first}, whom you follow` : `Followed by ${first} and ${n - 1} ${n - 1 === 1 ? 'other' : 'others'} you follow`;
  const age = days < 1 ? 'New account · joined today' : days < 30 ? `New account · joined ${days} ${days === 1 ? 'day' : 'days'} ago` : `Joined ${new Date(request.trust.accountCreatedAt).toLocaleDateString(undefined, { month: 'long', year: 'numeric' })}`;
  return [mutual, age];
}

/** Names of group members I blocked (the server lists their ids); empty for 1:1s. */
export function blockedMemberNames(c: Conversation): string[] {
  const ids = new Set(c.blockedMemberIds ?? []);
  return c.members.filter((m) => ids.has(m.id)).map((m) => m.displayName);
}
