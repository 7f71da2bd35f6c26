/**
 * What the dialogs that typing cannot confirm share (ReportDialog, features/rooms/DeliberateDialog):
 * focus starts on the step's heading (`data-step-heading`), not on a control, so a key that was
 * already on its way activates nothing; Tab stays inside; Escape closes; focus goes back to
 * whatever opened the dialog; and an auto-repeated Enter or Space on the final button is ignored.
 */
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'input:not([disabled]), textarea, select, button:not([disabled]), [data-step-heading]';

/** Focuses the heading whenever `step` changes (and on open); on unmount, returns focus to the opener. */
export function useDeliberateFocus(box: RefObject<HTMLElement | null>, step: unknown = null): void {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-step-heading]')?.focus();
  }, [box, step]);
}

/** The dialog's keydown: Escape closes, Tab wraps around inside the dialog. */
export function deliberateKeys(e: KeyboardEvent, box: HTMLElement | null, onClose: () => void): void {
  if (e.key === 'Escape') {
    e.stopPropagation();
    onClose();
    return;
  }
  if (e.key === 'Tab') wrapTab(e, [...(box?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]);
}

/** Tab from the last of `all` goes to the first, Shift+Tab from the first to the last (a focus trap). */
export function wrapTab(e: KeyboardEvent, all: HTMLElement[]): void {
  const first = all[0];
  const last = all[all.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    last?.focus();
    e.preventDefault();
  } else if (!e.shiftKey && document.activeElement === last) {
    first?.focus();
    e.preventDefault();
  }
}

/** A held-down Enter or Space repeats; only a fresh press may activate the button. */
export function ignoreRepeats(e: KeyboardEvent): void {
  if (e.repeat && (e.key === 'Enter' || e.key === ' ')) e.preventDefault();
}
