import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { cleanMessageText, cleanName, detectLinks } from './text.js';

describe('detectLinks', () => {
  it.each([
    ['see example.com now', ['https://example.com']],
    ['www.b.org', ['https://www.b.org']],
    ['go to https://a.example.com/p?q=1.', ['https://a.example.com/p?q=1']],
    ['mail mailto:c@d.net', ['mailto:c@d.net']],
    ['ftp://files.example.com and javascript:alert(1)', []],
    ['One sentence. Another one. No links here', []],
    ['café.com', ['https://café.com']], // internationalised domain names are links too
  ])('%j → %j', (text, urls) => {
    const found = detectLinks(text);
    expect(found.map((e) => e.url)).toEqual(urls);
    for (const e of found) expect(e.url.endsWith(text.slice(e.offset, e.offset + e.length))).toBe(true);
  });
});

describe('text rules', () => {
  it('refuses bidi overrides and controls in names, allows newlines in messages', () => {
    expect(() => cleanName('a\u202Eb', 'title', 100)).toThrow(DomainError);
    expect(() => cleanName('a\u0007b', 'title', 100)).toThrow(DomainError);
    expect(cleanMessageText('line one\nline two\ttabbed')).toBe('line one\nline two\ttabbed');
    expect(() => cleanMessageText('nul\u0000byte')).toThrow(DomainError);
  });
});
