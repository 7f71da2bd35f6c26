/** The reaction picker's emoji: the ones this browser used last, then a few defaults. */
const KEY = 'backchannel.recentEmoji';
const DEFAULTS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
const SHOWN = 8;

export function recentEmoji(): string[] {
  let used: string[] = [];
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (Array.isArray(raw)) used = raw.filter((x): x is string => typeof x === 'string');
  } catch {
    // A damaged entry is as good as none.
  }
  return [...new Set([...used, ...DEFAULTS])].slice(0, SHOWN);
}

export function rememberEmoji(emoji: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([emoji, ...recentEmoji().filter((e) => e !== emoji)].slice(0, SHOWN)));
  } catch {
    // Private mode: nothing to remember.
  }
}
