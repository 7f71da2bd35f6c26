/**
 * Text rules: NFC normalisation, limits, refusal of invisible/bidi tricks in names, and link
 * detection. The server never produces HTML: entities are offsets into plain text.
 */
import { LinkifyIt } from 'linkify-it';
import { LIMITS, type LinkEntity } from '@backchannel/protocol';
import { DomainError } from './errors.js';

// Bidi overrides/isolates (U+202A–202E, U+2066–2069), C0/C1 controls, zero-width and BOM chars.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
// In messages newlines and tabs are fine; other controls and bidi overrides are not.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });
linkify.set({ fuzzyLink: true });

/** A display name, title or bio: NFC, trimmed, no control or bidi characters. */
export function cleanName(raw: string, field: string, max: number, allowEmpty = false): string {
  const s = raw.normalize('NFC').trim();
  if (!allowEmpty && s.length === 0) throw new DomainError('bad_request', `${field} must not be empty.`, { field });
  if (s.length > max) throw new DomainError('too_large', `${field} is over ${max} characters.`, { field, max });
  if (FORBIDDEN_IN_NAMES.test(s)) throw new DomainError('invalid_text', `${field} contains control or bidirectional-override characters.`, { field });
  return s;
}

/** Message text: NFC, at most 4,000 characters and 64 KiB, not blank. */
export function cleanMessageText(raw: string): string {
  const s = raw.normalize('NFC');
  if (s.trim().length === 0) throw new DomainError('empty_message', 'A message needs text.', { field: 'text' });
  if ([...s].length > LIMITS.messageChars || Buffer.byteLength(s, 'utf8') > LIMITS.messageBytes) {
    throw new DomainError('too_large', `A message is at most ${LIMITS.messageChars} characters.`, { field: 'text', max: LIMITS.messageChars });
  }
  if (FORBIDDEN_IN_TEXT.test(s)) throw new DomainError('invalid_text', 'The text contains control or bidirectional-override characters.', { field: 'text' });
  return s;
}

const MAY_HAVE_LINK = /:\/\/|mailto:|[\p{L}\p{N}-]\.[\p{L}]{2,}/iu;

/** http, https and mailto links, and `www.` links (normalised to https). Offsets are UTF-16 units. */
export function detectLinks(text: string): LinkEntity[] {
  // Every link we accept has a scheme ("://", "mailto:") or a dotted host ("www.x", "x.com"):
  // a cheap check that rules out most chat lines before linkify's full Unicode scan.
  if (!MAY_HAVE_LINK.test(text)) return [];
  const matches = linkify.match(text) ?? [];
  const out: LinkEntity[] = [];
  for (const m of matches) {
    const scheme = m.schema.toLowerCase();
    let url = m.url;
    if (scheme === '') url = `https://${m.raw}`;
    else if (!['http:', 'https:', 'mailto:'].includes(scheme)) continue;
    out.push({ type: 'link', offset: m.index, length: m.lastIndex - m.index, url });
  }
  return out;
}
