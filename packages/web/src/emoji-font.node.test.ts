/**
 * The emoji font (emoji-font.css) points at the file the package ships, swaps, is limited to emoji
 * code points, and comes last in the app's font stack, so it loads only when an emoji has no
 * installed font to draw it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const css = fs.readFileSync(path.join(here, 'emoji-font.css'), 'utf8');
const face = /@font-face \{([^}]*)\}/.exec(css)?.[1] ?? '';

/** Every code point a unicode-range descriptor covers. */
function covered(range: string): (cp: number) => boolean {
  const spans = range.split(',').map((part) => {
    const [a, b] = part.trim().slice(2).split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as const;
  });
  return (cp) => spans.some(([a, b]) => cp >= a && cp <= b);
}

describe('the emoji font', () => {
  it('is the package’s woff2, swapping, under its own family name', () => {
    const url = /src: url\('([^']+)'\) format\('woff2'\);/.exec(face)?.[1];
    expect(url).toBe('twemoji-colr-font/twemoji.woff2');
    expect(fs.existsSync(createRequire(import.meta.url).resolve(url!))).toBe(true);
    expect(face).toContain("font-family: 'Backchannel Emoji'");
    expect(face).toContain('font-display: swap');
  });

  it('covers emoji and keycap bases, and never letters, spaces or CJK text', () => {
    const has = covered(/unicode-range: ([^;]+);/.exec(face)?.[1] ?? '');
    for (const emoji of ['🎉', '👍', '❤', '☀', '🇯', '🧑', '\u200d', '\ufe0f', '\u20e3', '1', '#']) expect(has(emoji.codePointAt(0)!)).toBe(true);
    for (const text of ['a', 'Z', ' ', 'é', 'ß', '中', 'あ', '—', '“', '€']) expect(has(text.codePointAt(0)!)).toBe(false);
  });

  it('comes last in the app’s font stack, after the installed emoji fonts', () => {
    const stack = /--font: ([^;]+);/.exec(fs.readFileSync(path.join(here, 'styles.css'), 'utf8'))?.[1] ?? '';
    expect(stack.trim().endsWith("'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'Backchannel Emoji'")).toBe(true);
  });
});
