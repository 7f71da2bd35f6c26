/**
 * A small accessible popup menu (WAI-ARIA menu button pattern): Enter/Space/ArrowDown opens it and
 * focuses the first item, arrows move, Escape closes and returns focus to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
  /** A name for screen readers when the label is not one (an emoji). */
  ariaLabel?: string;
}

/**
 * `tabIndex`: -1 inside a roving list, whose arrows reach the button; `className`: extra classes of
 * the menu (an emoji row lays out in a line).
 */
export function Menu({ label, items, children, tabIndex, className }: { label: string; items: MenuItem[]; children: ReactNode; tabIndex?: number; className?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') buttons[(i + 1) % buttons.length]?.focus();
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
    else if (e.key === 'Tab') setOpen(false);
    else return;
    e.preventDefault();
    // A menu inside a roving list (a message's actions): its keys are the menu's, not the list's.
    e.stopPropagation();
  };

  return (
    <div className={className ? `menu ${className}` : 'menu'}>
      <button ref={button} type="button" className="icon-button" tabIndex={tabIndex} aria-label={label} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)}>
        {children}
      </button>
      {open && (
        <ul ref={list} id={id} role="menu" className="menu-list card" onKeyDown={onKey}>
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                aria-label={item.ariaLabel}
                className={item.danger ? 'danger' : undefined}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
