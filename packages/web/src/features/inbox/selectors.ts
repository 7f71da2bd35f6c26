/** The inbox's derived views: which conversations each tab shows, in what order, and the badges. */
import type { Conversation } from '@backchannel/protocol';
import type { State } from '../../app/state.js';
import { inTab, type InboxTab } from '../../lib/conversations.js';

export type { InboxTab } from '../../lib/conversations.js';

type Conversations = State['inbox']['conversations'];

/** Pinned first, then by last activity, newest first (ties broken by id for a stable order). */
export function conversationsIn(state: State, tab: InboxTab): Conversation[] {
  return sortedIn(state.inbox.conversations, tab);
}

/** The same from the conversations record alone (components memoise on it). */
export function sortedIn(conversations: Conversations, tab: InboxTab): Conversation[] {
  return Object.values(conversations)
    .filter((c) => inTab(c, tab))
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt) || a.id.localeCompare(b.id));
}


export function requestCount(conversations: Conversations): number {
  return Object.values(conversations).filter((c) => c.folder === 'requests').length;
}


/** Unmuted unread conversations in the main inbox: the number on the paper-plane button. */
export function unreadConversations(conversations: Conversations): number {
  return Object.values(conversations).filter((c) => inTab(c, 'inbox') && !c.muted && c.unreadCount > 0).length;
}


/** My 1:1 with this person, if this session knows it (there is at most one per pair). */
export function directWith(state: State, userId: string): Conversation | undefined {
  const myId = state.session.me?.id;
  return Object.values(state.inbox.conversations).find((c) => c.kind === 'direct' && c.members.some((m) => m.id === userId) && c.members.some((m) => m.id === myId));
}
