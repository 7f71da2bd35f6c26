/**
 * One tab stop for a long list (WAI-ARIA APG "roving tabindex", as in a listbox or grid): only the
 * current item has tabIndex 0, so Tab goes past the whole history to the composer in one press.
 * Inside: Up/Down move between items, Home/End to the first/last, Right enters an item's controls
 * (links, Copy, Report…) one by one, Left or Escape goes back out. Items are the elements with
 * `data-nav-key` inside the element that gets `onKeyDown`/`onFocus`; their controls get tabIndex -1.
 *
 * A windowed list (useMessageWindow.ts) renders only some items: `reveal` is asked first when a key
 * would leave the rendered ones (Up on the first, Down on the last, Home, End). It renders more and
 * returns the key to focus, which gets focus once it is in the DOM; null means nothing was hidden.
 */
import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

const CONTROLS = 'a[href], button:not([disabled])';

export type RovingEdge = 'before' | 'after' | 'first' | 'last';

export function useRovingList(keys: readonly string[], reveal?: (edge: RovingEdge) => string | null) {
  const [active, setActive] = useState<string | null>(null);
  const container = useRef<HTMLElement | null>(null);
  const focusWhenShown = useRef<string | null>(null);
  // The remembered item, or the newest when it is gone (or nothing was focused yet).
  const current = active !== null && keys.includes(active) ? active : (keys[keys.length - 1] ?? null);

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-nav-key]')?.dataset.navKey;
    if (key !== undefined && key !== active) setActive(key);
  };

  // A key revealed by `reveal` gets focus in the commit that renders it.
  useLayoutEffect(() => {
    const key = focusWhenShown.current;
    if (key === null || !container.current) return;
    const el = [...container.current.querySelectorAll<HTMLElement>('[data-nav-key]')].find((x) => x.dataset.navKey === key);
    if (!el) return;
    focusWhenShown.current = null;
    el.focus();
  });

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-nav-key]');
    if (!item || !e.currentTarget.contains(item) || e.altKey || e.ctrlKey || e.metaKey) return;
    container.current = e.currentTarget;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-nav-key]')];
    const edge = reveal && target === item ? edgeOf(e.key, items.indexOf(item), items.length) : null;
    const revealed = edge ? reveal!(edge) : null;
    if (revealed !== null) {
      e.preventDefault();
      focusWhenShown.current = revealed;
      setActive(revealed);
      return;
    }
    const next = nextFocus(e.key, target, item, items);
    if (!next) return;
    e.preventDefault();
    if (e.key === 'Escape') e.stopPropagation();
    next.focus();
  };

  return { current, onFocus, onKeyDown };
}

/** Which edge of the rendered items a key would cross, if any. */
function edgeOf(key: string, at: number, count: number): RovingEdge | null {
  if (key === 'ArrowUp' && at === 0) return 'before';
  if (key === 'ArrowDown' && at === count - 1) return 'after';
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  return null;
}

function nextFocus(key: string, target: HTMLElement, item: HTMLElement, items: HTMLElement[]): HTMLElement | undefined {
  const at = items.indexOf(item);
  const controls = [...item.querySelectorAll<HTMLElement>(CONTROLS)];
  const onItem = target === item;
  switch (key) {
    case 'ArrowUp':
      return items[at - 1];
    case 'ArrowDown':
      return items[at + 1];
    case 'Home':
      return items[0];
    case 'End':
      return items[items.length - 1];
    case 'ArrowRight':
      return onItem ? controls[0] : controls[controls.indexOf(target) + 1];
    case 'ArrowLeft':
      return onItem ? undefined : (controls[controls.indexOf(target) - 1] ?? item);
    case 'Escape':
      return onItem ? undefined : item;
    default:
      return undefined;
  }
}
