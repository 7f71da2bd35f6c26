/** The stream-cursor codec: opaque, authenticated, deterministic for events, unlinkable for heads. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamCursors } from './streamCursors.js';

const secret = randomBytes(32).toString('base64url');
const c = streamCursors(secret);

describe('stream cursors', () => {
  it('round-trips any position through event and head tokens of one fixed, opaque shape', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (pos) => {
        const [e, h] = [c.forEvent(pos), c.forHead(pos)];
        return /^[A-Za-z0-9_-]{48}$/.test(e) && /^[A-Za-z0-9_-]{48}$/.test(h) && c.decode(e) === pos && c.decode(h) === pos;
      }),
    );
  });

  it('names an event with the same token every time, on every node with the same secret', () => {
    expect(c.forEvent(42)).toBe(c.forEvent(42));
    expect(streamCursors(secret).forEvent(42)).toBe(c.forEvent(42));
    expect(c.forEvent(42)).not.toBe(c.forEvent(43));
  });

  it('never repeats a head token, so polling the head tells nothing', () => {
    const heads = new Set(Array.from({ length: 100 }, () => c.forHead(7)));
    expect(heads.size).toBe(100);
    expect(heads.has(c.forEvent(7))).toBe(false);
  });

  it('refuses tampered, truncated, foreign and non-token input', () => {
    const t = c.forEvent(1000);
    const flipped = (t[10] === 'A' ? 'B' : 'A') + '';
    expect(c.decode(t.slice(0, 10) + flipped + t.slice(11))).toBeNull();
    expect(c.decode(t.slice(0, 47))).toBeNull();
    expect(streamCursors(randomBytes(32).toString('base64url')).decode(t)).toBeNull();
    for (const bad of ['', '1000', '0', 'x'.repeat(48), `${t}=`]) expect(c.decode(bad), bad).toBeNull();
  });
});
