/** Conformance: server secrets every node agrees on (storage/ports/secrets.ts). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

export function secretsConformance(s: () => Store): void {
  describe('server secrets', () => {
    it('keeps the first candidate for a name, for every later and concurrent writer', async () => {
      const racing = await Promise.all(['a', 'b', 'c'].map((c) => s().write((tx) => tx.secrets.get('cursor', c, T0))));
      expect(new Set(racing).size).toBe(1);
      expect(await s().write((tx) => tx.secrets.get('cursor', 'later', T0 + 1))).toBe(racing[0]);
      expect(await s().write((tx) => tx.secrets.get('other', 'x', T0))).toBe('x');
    });
  });
}
