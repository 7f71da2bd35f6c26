/**
 * What the screens say about a conversation, from the conversation alone: titles, member names
 * (former members come from the people slice), system-message sentences, the inbox preview.
 */
import type { Conversation, Message, UserSummary } from '@backchannel/protocol';

export type InboxTab = 'inbox' | 'requests' | 'archived';


export function inTab(c: Conversation, tab: InboxTab): boolean {
  if (tab === 'requests') return c.folder === 'requests';
  if (tab === 'archived') return c.folder === 'inbox' && c.archived;
  return c.folder === 'inbox' && !c.archived;
}


export function otherMembers(c: Conversation, myId: string | undefined): UserSummary[] {
  const others = c.members.filter((m) => m.id !== myId);
  return others.length > 0 ? others : c.members;
}


export function conversationTitle(c: Conversation, myId: string | undefined): string {
  if (c.kind === 'group' && c.title) return c.title;
  const names = otherMembers(c, myId).map((m) => m.displayName);
  if (c.kind === 'direct') return names[0] ?? 'Conversation';
  // `members` is the first few people; `memberCount` says how many there are (me included).
  const others = Math.max(names.length, c.memberCount - 1);
  if (others <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${others - 2} others`;
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
    case 'backstage_card':
      return s.card ? `Next question: “${s.card.text}”` : 'Next question';
  }
}


export function lastMessagePreview(c: Conversation, myId?: string, people: People = {}): string {
  const m = c.lastMessage;
  if (!m) return 'No messages yet';
  if (m.kind === 'system') return systemText(c, m, myId, people);
  const prefix = m.senderId === myId ? 'You: ' : c.kind === 'group' ? `${memberName(c, m.senderId, myId, people).split(' ')[0]}: ` : '';
  return prefix + m.text.replace(/\s+/g, ' ');
}


/**
 * Names of group members I blocked (the server lists their ids); empty for 1:1s. Someone beyond
 * the first few people a conversation carries is named from `people`, else "someone".
 */
export function blockedMemberNames(c: Conversation, people: People = {}): string[] {
  return (c.blockedMemberIds ?? []).map((id) => c.members.find((m) => m.id === id)?.displayName ?? people[id]?.displayName ?? 'someone');
}
