import { describe, expect, it } from 'vitest';
import { message } from './fakes.testkit.js';
import { findGaps, mergeMessages } from './messages.js';

describe('mergeMessages', () => {
  it('sorts by seq and keeps one copy per id', () => {
    const merged = mergeMessages([message(1), message(3)], [message(5), message(2), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
  });

  it('returns the same array when nothing is new, so UIs can skip a render', () => {
    const existing = [message(1), message(2)];
    expect(mergeMessages(existing, [message(2)])).toBe(existing);
    expect(mergeMessages(existing, [])).toBe(existing);
  });
});

describe('findGaps', () => {
  it('reports every place where last + 1 != next', () => {
    expect(findGaps([1, 2, 5, 6, 9].map((s) => message(s)))).toEqual([
      { afterSeq: 2, beforeSeq: 5 },
      { afterSeq: 6, beforeSeq: 9 },
    ]);
  });

  it('reports a missing tail only when told the conversation lastSeq', () => {
    const list = [message(4), message(5)];
    expect(findGaps(list)).toEqual([]);
    expect(findGaps(list, { lastSeq: 5 })).toEqual([]);
    expect(findGaps(list, { lastSeq: 8 })).toEqual([{ afterSeq: 5, beforeSeq: 9 }]);
    expect(findGaps([], { lastSeq: 8 })).toEqual([]);
  });
});
