/**
 * Bulk "delete all requests" (PRODUCT.md §2, anti-abuse), optionally only from accounts younger than
 * N days (a wave of fresh spam accounts is the usual reason). Always behind a confirmation; the
 * senders are not told.
 */
import { useState } from 'react';
import { Confirm } from '../../components/Confirm.js';
import { useAction } from '../../components/useAsync.js';
import { useController } from '../../app/AppContext.js';

export function DeleteAllRequests({ count }: { count: number }) {
  const controller = useController();
  const [open, setOpen] = useState(false);
  const [onlyYoung, setOnlyYoung] = useState(false);
  const [days, setDays] = useState(7);
  const [result, setResult] = useState<string | null>(null);
  const run = useAction(async () => {
    const n = await controller.requests.deleteAllRequests(onlyYoung ? days : undefined);
    setOpen(false);
    setResult(n === 1 ? 'Deleted 1 request.' : `Deleted ${n} requests.`);
  });
  if (count === 0 && !result) return null;
  return (
    <div className="bulk">
      {count > 0 && !open && (
        <button
          type="button"
          className="button small danger-outline"
          onClick={() => {
            setResult(null);
            setOpen(true);
          }}
        >
          Delete all…
        </button>
      )}
      {open && (
        <Confirm
          question={onlyYoung ? `Delete every request from accounts younger than ${days} days?` : `Delete all ${count} requests?`}
          action="Delete"
          onConfirm={() => void run.run()}
          onCancel={() => setOpen(false)}
          busy={run.busy}
          error={run.error}
        >
          <label className="radio">
            <input type="checkbox" checked={onlyYoung} onChange={(e) => setOnlyYoung(e.target.checked)} /> Only from accounts younger than
            <input
              type="number"
              className="days"
              min={1}
              max={3650}
              value={days}
              disabled={!onlyYoung}
              aria-label="Days"
              onChange={(e) => setDays(Math.min(3650, Math.max(1, Math.round(Number(e.target.value) || 1))))}
            />
            days
          </label>
          <p className="muted small">The senders won’t be told.</p>
        </Confirm>
      )}
      {result && (
        <p className="muted small" role="status">
          {result}
        </p>
      )}
    </div>
  );
}
