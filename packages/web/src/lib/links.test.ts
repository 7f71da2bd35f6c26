import { describe, expect, it } from 'vitest';
import { safeHref, segmentText } from './links.js';

describe('segmentText', () => {
  it('splits text around link entities', () => {
    const text = 'see https://a.example/x and mail me';
    expect(segmentText(text, [{ type: 'link', offset: 4, length: 19, url: 'https://a.example/x' }])).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://a.example/x', href: 'https://a.example/x' },
      { kind: 'text', text: ' and mail me' },
    ]);
  });

  it('never links unsafe schemes, overlapping or out-of-range entities', () => {
    const text = 'javascript:alert(1) <b>x</b>';
    const segs = segmentText(text, [
      { type: 'link', offset: 0, length: 19, url: 'javascript:alert(1)' },
      { type: 'link', offset: 20, length: 50, url: 'https://x.example' },
    ]);
    expect(segs).toEqual([{ kind: 'text', text }]);
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
  });

  it('shows links as text when links are disabled (requests)', () => {
    expect(segmentText('https://a.example', [{ type: 'link', offset: 0, length: 17, url: 'https://a.example' }], { linksEnabled: false })).toEqual([
      { kind: 'text', text: 'https://a.example' },
    ]);
  });
});
