/**
 * A confirmation for a room action that is hard to undo (delete a message, remove someone, end the
 * room, mute). Like the report dialog (components/ReportDialog.tsx), and with the same keyboard
 * rules (components/deliberate.ts), it cannot be confirmed by typing that goes on after it opens:
 * there is no <form>, and the action is reached only by Tab or a click.
 */
import { useId, useRef, type ReactNode } from 'react';
import { deliberateKeys, ignoreRepeats, useDeliberateFocus } from '../../components/deliberate.js';
import { useAction } from '../../components/useAsync.js';

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
  const confirm = useAction(async () => {
    await onConfirm();
    onClose();
  });

  useDeliberateFocus(box);

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={id}
        className="card dialog"
        onKeyDown={(e) => deliberateKeys(e, box.current, onClose)}
      >
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
            onKeyDown={ignoreRepeats}
            onClick={() => void confirm.run()}
          >
            {action}
          </button>
        </div>
      </div>
    </div>
  );
}
