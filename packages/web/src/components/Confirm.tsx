/**
 * An inline confirmation (role="alertdialog"): focuses its action so Enter confirms and Escape
 * cancels, the same pattern as the block and leave confirmations elsewhere in the app.
 */
import { useId, type ReactNode } from 'react';

export function Confirm({
  question,
  action,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
  danger = true,
  children,
}: {
  question: ReactNode;
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: string | null;
  danger?: boolean;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div role="alertdialog" aria-labelledby={id} className="confirm stack" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id={id}>{question}</p>
      {children}
      <div className="row">
        <button type="button" className={`button small ${danger ? 'danger' : 'primary'}`} autoFocus onClick={onConfirm} disabled={busy}>
          {action}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
