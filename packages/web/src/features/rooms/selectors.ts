/** Derived views of a room: roles, the chat's state and mode sentence, and chat text segments. */
import type { LinkEntity, MentionEntity, Room, RoomChatSettings, RoomMessage, RoomRole } from '@backchannel/protocol';
import { safeHref } from '../../lib/links.js';
import { waitLabel } from '../../core/describe.js';

export const isStaff = (role: RoomRole | null | undefined): boolean => role === 'host' || role === 'moderator';

export function roleLabel(role: RoomRole): string {
  return role === 'host' ? 'Host' : role === 'moderator' ? 'Moderator' : role === 'speaker' ? 'Speaker' : 'Listener';
}

/** The mode banner everyone sees (hosts and moderators are exempt from all but "off"). */
export function modeSentence(chat: RoomChatSettings): string {
  switch (chat.mode) {
    case 'open':
      return 'Chat is open to everyone in the room';
    case 'slow':
      return `Slow mode: one message every ${secondsLabel(chat.slowSeconds)}`;
    case 'followers':
      return 'Only people who follow the host can chat';
    case 'emoji':
      return 'Emoji only';
  }
}

export function secondsLabel(s: number): string {
  if (s % 60 === 0 && s >= 60) return `${s / 60} ${s === 60 ? 'minute' : 'minutes'}`;
  return `${s} ${s === 1 ? 'second' : 'seconds'}`;
}

/** Why I cannot chat right now, or null when I can. `now` in ms. */
export type ChatBlock = { kind: 'ended' } | { kind: 'removed' } | { kind: 'away' } | { kind: 'off' } | { kind: 'muted'; until: string | null };

export function chatBlock(room: Room, removed: boolean, now: number): ChatBlock | null {
  if (room.status === 'ended') return { kind: 'ended' };
  if (removed) return { kind: 'removed' };
  if (room.me.role === null) return { kind: 'away' };
  if (!room.chat.enabled) return { kind: 'off' };
  const muted = room.me.chatMutedUntil;
  if (muted !== null && Date.parse(muted) > now) return { kind: 'muted', until: Date.parse(muted) > now + 365 * 24 * 3600_000 ? null : muted };
  return null;
}

export function chatBlockSentence(block: ChatBlock, now: number): string {
  switch (block.kind) {
    case 'ended':
      return 'Read-only: this room has ended.';
    case 'removed':
      return 'You were removed from this room.';
    case 'away':
      return 'Join the room to chat.';
    case 'off':
      return 'Chat is off. The host or a moderator can turn it back on.';
    case 'muted':
      return block.until === null
        ? 'A moderator muted you in this chat for the rest of the room.'
        : `A moderator muted you in this chat. You can chat again ${waitLabel(Date.parse(block.until) - now)}.`;
  }
}

export type ChatSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string; userId: string };

/**
 * Splits chat text by the server's entities (offsets in UTF-16 code units, like the DM entities).
 * Overlapping or out-of-range entities and unsafe link schemes stay plain text.
 */
export function segmentChat(text: string, entities: readonly (LinkEntity | MentionEntity)[]): ChatSegment[] {
  const out: ChatSegment[] = [];
  let cursor = 0;
  const push = (s: ChatSegment) => {
    const last = out[out.length - 1];
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s.text };
    else out.push(s);
  };
  for (const e of [...entities].sort((a, b) => a.offset - b.offset)) {
    if (e.offset < cursor || e.offset + e.length > text.length) continue;
    const piece = text.slice(e.offset, e.offset + e.length);
    const seg: ChatSegment | null =
      e.type === 'mention'
        ? { kind: 'mention', text: piece, userId: e.userId }
        : (() => {
            const href = safeHref(e.url);
            return href ? { kind: 'link' as const, text: piece, href } : null;
          })();
    if (!seg) continue;
    if (e.offset > cursor) push({ kind: 'text', text: text.slice(cursor, e.offset) });
    push(seg);
    cursor = e.offset + e.length;
  }
  if (cursor < text.length) push({ kind: 'text', text: text.slice(cursor) });
  return out;
}

export const mentionsMe = (m: RoomMessage, meId: string | undefined): boolean =>
  meId !== undefined && m.entities.some((e) => e.type === 'mention' && e.userId === meId);

export function countLabel(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
