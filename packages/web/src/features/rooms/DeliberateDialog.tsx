/**
 * A confirmation for a room action that is hard to undo (delete a message, remove someone, end the
 * room, mute). Like the report dialog (components/ReportDialog.tsx) it cannot be confirmed by
 * typing that goes on after it opens: focus starts on its heading, there is no <form>, the action
 * is reached by Tab or a click, and an auto-repeated key on it is ignored. Escape cancels, Tab stays
 * inside, and focus returns to whatever opened it.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useAction } from '../../components/useAsync.js';

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), select, [data-step-heading]';

export function DeliberateDialog({
  title,
  action,
  danger = true,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  action: string;
  danger?: boolean;
  /** Resolves when done (the dialog closes); a rejection shows its sentence and keeps it open. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  children?: ReactNode;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const confirm = useAction(async () => {
    await onConfirm();
    onClose();
  });

  useEffect(() => {
    opener.current = document.activeElement;
    box.current?.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const all = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
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
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="alertdialog" aria-modal="true" aria-labelledby={id} className="card dialog" onKeyDown={onKey}>
        <h2 id={id} tabIndex={-1} data-step-heading>
          {title}
        </h2>
        {children}
        {confirm.error && (
          <p className="error" role="alert">
            {confirm.error}
          </p>
        )}
        <div className="row">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${danger ? 'danger' : 'primary'}`}
            disabled={confirm.busy}
            onKeyDown={(e) => e.repeat && (e.key === 'Enter' || e.key === ' ') && e.preventDefault()}
            onClick={() => void confirm.run()}
          >
            {action}
          </button>
        </div>
      </div>
    </div>
  );
}
