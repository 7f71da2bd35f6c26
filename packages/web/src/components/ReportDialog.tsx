/**
 * Asks why something is reported (the protocol's reasons) and for an optional note. A modal
 * dialog: focus starts on the first reason, Tab stays inside, Escape cancels, and focus returns to
 * whatever opened it. The reported person is never told.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ReportReason } from '@backchannel/protocol';
import { useAction } from './useAsync.js';

export const REPORT_REASONS: { value: ReportReason; label: string }[] = [
  { value: 'spam', label: 'Spam or a scam' },
  { value: 'harassment', label: 'Harassment or bullying' },
  { value: 'hate', label: 'Hate speech' },
  { value: 'sexual', label: 'Sexual content' },
  { value: 'violence', label: 'Violence or threats' },
  { value: 'self_harm', label: 'Self-harm or suicide' },
  { value: 'impersonation', label: 'Pretending to be someone else' },
  { value: 'other', label: 'Something else' },
];

export function reasonLabel(reason: ReportReason): string {
  return REPORT_REASONS.find((r) => r.value === reason)?.label ?? reason;
}

export interface ReportChoice {
  reason: ReportReason;
  note: string;
  block: boolean;
}

export function ReportDialog({
  title,
  blocks,
  onSubmit,
  onClose,
}: {
  title: string;
  /** 'always': reporting also blocks (requests); 'offer': a checkbox; 'never': no block. */
  blocks: 'always' | 'offer' | 'never';
  /** Resolves when the report is in; the dialog then thanks the reporter (unless it was unmounted). */
  onSubmit: (choice: ReportChoice) => Promise<void>;
  onClose: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [block, setBlock] = useState(blocks === 'always');
  const [done, setDone] = useState(false);
  const submit = useAction(async () => {
    if (!reason) return;
    await onSubmit({ reason, note: note.trim(), block });
    setDone(true);
  });

  useEffect(() => {
    opener.current = document.activeElement;
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);
  useEffect(() => {
    if (done) box.current?.querySelector<HTMLElement>('[data-done]')?.focus();
  }, [done]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const all = [...(box.current?.querySelectorAll<HTMLElement>('input:not([disabled]), textarea, button:not([disabled])') ?? [])];
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
  const onForm = (e: FormEvent) => {
    e.preventDefault();
    void submit.run();
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={id} className="card dialog" onKeyDown={onKey}>
        <h2 id={id}>{done ? 'Thanks for telling us' : title}</h2>
        {done ? (
          <>
            <p className="muted">Our team will look at it. They won’t know you reported them{block ? ', or that you blocked them' : ''}.</p>
            <button type="button" className="button primary" data-done onClick={onClose}>
              Done
            </button>
          </>
        ) : (
          <form className="stack" onSubmit={onForm}>
            <fieldset className="field">
              <legend>Why are you reporting this?</legend>
              {REPORT_REASONS.map((r) => (
                <label key={r.value} className="radio">
                  <input type="radio" name={`${id}-reason`} value={r.value} checked={reason === r.value} onChange={() => setReason(r.value)} /> {r.label}
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span>Anything else we should know? (optional)</span>
              <textarea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            {blocks === 'offer' && (
              <label className="radio">
                <input type="checkbox" checked={block} onChange={(e) => setBlock(e.target.checked)} /> Also block them
              </label>
            )}
            {blocks === 'always' && <p className="muted small">Reporting also blocks them. They won’t be told.</p>}
            {submit.error && (
              <p className="error" role="alert">
                {submit.error}
              </p>
            )}
            <div className="row">
              <button type="submit" className="button danger" disabled={!reason || submit.busy}>
                {submit.busy ? 'Reporting…' : 'Report'}
              </button>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
