/**
 * Splits message text into plain and link segments using the server's link entities. Rendering is
 * done by React from these segments (text nodes and <a href>), never as HTML, so message text can
 * never inject markup. Only http, https and mailto become links: a `javascript:` or `data:` URL in
 * an entity (a server bug or a hostile client) stays plain text.
 */
import type { LinkEntity } from '@backchannel/protocol';

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The URL normalised by the URL parser when it is safe to link to, otherwise null. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

export function segmentText(text: string, entities: readonly LinkEntity[], opts: { linksEnabled: boolean } = { linksEnabled: true }): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  const sorted = [...entities].sort((a, b) => a.offset - b.offset);
  for (const e of sorted) {
    // Entities that overlap an earlier one or run past the text are ignored rather than trusted.
    if (e.offset < cursor || e.offset + e.length > text.length) continue;
    const href = opts.linksEnabled ? safeHref(e.url) : null;
    if (href === null) continue;
    if (e.offset > cursor) segments.push({ kind: 'text', text: text.slice(cursor, e.offset) });
    segments.push({ kind: 'link', text: text.slice(e.offset, e.offset + e.length), href });
    cursor = e.offset + e.length;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return mergeText(segments);
}

function mergeText(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s.text };
    else out.push(s);
  }
  return out;
}
