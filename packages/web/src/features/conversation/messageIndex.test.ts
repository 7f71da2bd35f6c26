import { describe, expect, it } from 'vitest';
import { message } from '../../test/fixtures.js';
import { EMPTY_INDEX, insertMessages, messagesOf, replaceMessage } from './messageIndex.js';

const seqs = (index: typeof EMPTY_INDEX) => messagesOf(index).map((m) => m.seq);

describe('the message index', () => {
  it('appends a live message, inserts a late one by seq, and merges a page in order', () => {
    let index = insertMessages(EMPTY_INDEX, [message(5)]);
    index = insertMessages(index, [message(7)]);
    index = insertMessages(index, [message(6)]);
    expect(seqs(index)).toEqual([5, 6, 7]);
    index = insertMessages(index, [message(3), message(1), message(8), message(2), message(4)]);
    expect(seqs(index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('is idempotent: known ids change nothing and return the same index', () => {
    const index = insertMessages(EMPTY_INDEX, [message(1), message(2)]);
    expect(insertMessages(index, [message(2), message(1)])).toBe(index);
    expect(insertMessages(index, [message(3), message(3)]).ids).toEqual(['m1', 'm2', 'm3']);
  });

  it('replaces one entity without touching the order or the other entities', () => {
    const index = insertMessages(EMPTY_INDEX, [message(1), message(2), message(3)]);
    const edited = replaceMessage(index, message(2, { text: 'edited' }));
    expect(edited.ids).toBe(index.ids);
    expect(edited.byId['m1']).toBe(index.byId['m1']);
    expect(edited.byId['m2']!.text).toBe('edited');
    expect(replaceMessage(index, message(9))).toBe(index);
  });
});
