/**
 * Room chat text: the message rules of domain/text.ts with the room's 500-character limit, link
 * entities (never previews in room chat), `@username` mentions of people in the room, and the
 * emoji-only test of that chat mode.
 */
import { ROOM_LIMITS, type LinkEntity, type MentionEntity } from '@backchannel/protocol';
import type { Tx } from '../../storage/store.js';
import { DomainError } from '../errors.js';
import { detectLinks } from '../text.js';
import { userByUsername } from './people.js';

// In chat, newlines and tabs are fine; other controls and bidi overrides are not.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** NFC, not blank, at most 500 characters (code points), no control or bidi-override characters. */
export function cleanRoomText(raw: string): string {
  const s = raw.normalize('NFC');
  if (s.trim().length === 0) throw new DomainError('empty_message', 'A message needs text.', { field: 'text' });
  if ([...s].length > ROOM_LIMITS.chatChars) throw new DomainError('too_large', `A room chat message is at most ${ROOM_LIMITS.chatChars} characters.`, { field: 'text', max: ROOM_LIMITS.chatChars });
  if (FORBIDDEN.test(s)) throw new DomainError('invalid_text', 'The text contains control or bidirectional-override characters.', { field: 'text' });
  return s;
}

// Pictographs, skin tones, flags (regional indicators), keycaps, tag sequences, joiners and
// variation selectors; whitespace between them. Digits and '#' alone are not emoji.
const EMOJI_PART = /[0-9#*]\ufe0f?\u20e3|[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\s]|\u200d|\ufe0f|[\u{e0020}-\u{e007f}]/gu;
const HAS_EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}]|\u20e3/u;

export function isEmojiOnly(text: string): boolean {
  return HAS_EMOJI.test(text) && text.replace(EMOJI_PART, '') === '';
}

const MENTION = /(^|[^\p{L}\p{N}_])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])/gu;
const MAX_MENTIONS = 20;

/** Links and mentions of people present in the room (a mention of anyone else is plain text). */
export async function roomEntities(repo: Tx, roomId: string, text: string): Promise<Array<LinkEntity | MentionEntity>> {
  const entities: Array<LinkEntity | MentionEntity> = detectLinks(text);
  if (!text.includes('@')) return entities;
  const seen = new Map<string, string | null>();
  let count = 0;
  for (const m of text.matchAll(MENTION)) {
    if (count++ >= MAX_MENTIONS) break;
    const name = m[2]!.toLowerCase();
    const offset = m.index + m[1]!.length;
    // Inside a link (an e-mail-like URL) it is part of the link.
    if (entities.some((e) => e.type === 'link' && offset >= e.offset && offset < e.offset + e.length)) continue;
    if (!seen.has(name)) {
      const u = await userByUsername(repo, name);
      const p = u ? await repo.rooms.participant(roomId, u.id) : null;
      seen.set(name, u && p?.present ? u.id : null);
    }
    const userId = seen.get(name);
    if (userId) entities.push({ type: 'mention', offset, length: m[2]!.length + 1, userId });
  }
  return entities.sort((a, b) => a.offset - b.offset);
}

/** A room description: like chat text (newlines allowed), possibly empty, at most 500 characters. */
export function cleanDescription(raw: string): string {
  const s = raw.normalize('NFC').trim();
  if ([...s].length > ROOM_LIMITS.descriptionMax) throw new DomainError('too_large', `A description is at most ${ROOM_LIMITS.descriptionMax} characters.`, { field: 'description', max: ROOM_LIMITS.descriptionMax });
  if (FORBIDDEN.test(s)) throw new DomainError('invalid_text', 'The description contains control or bidirectional-override characters.', { field: 'description' });
  return s;
}
