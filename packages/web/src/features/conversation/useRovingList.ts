/**
 * One tab stop for a long list (WAI-ARIA APG "roving tabindex", as in a listbox or grid): only the
 * current item has tabIndex 0, so Tab goes past the whole history to the composer in one press.
 * Inside: Up/Down move between items, Home/End to the first/last, Right enters an item's controls
 * (links, Copy, Report…) one by one, Left or Escape goes back out. Items are the elements with
 * `data-nav-key` inside the element that gets `onKeyDown`/`onFocus`; their controls get tabIndex -1.
 */
import { useState, type FocusEvent, type KeyboardEvent } from 'react';

const CONTROLS = 'a[href], button:not([disabled])';

export function useRovingList(keys: readonly string[]) {
  const [active, setActive] = useState<string | null>(null);
  // The remembered item, or the newest when it is gone (or nothing was focused yet).
  const current = active !== null && keys.includes(active) ? active : (keys[keys.length - 1] ?? null);

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-nav-key]')?.dataset.navKey;
    if (key !== undefined && key !== active) setActive(key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-nav-key]');
    if (!item || !e.currentTarget.contains(item) || e.altKey || e.ctrlKey || e.metaKey) return;
    const next = nextFocus(e.key, target, item, [...e.currentTarget.querySelectorAll<HTMLElement>('[data-nav-key]')]);
    if (!next) return;
    e.preventDefault();
    if (e.key === 'Escape') e.stopPropagation();
    next.focus();
  };

  return { current, onFocus, onKeyDown };
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
