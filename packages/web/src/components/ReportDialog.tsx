/**
 * Asks why something is reported (the protocol's reasons) and for an optional note, in a modal
 * dialog that typing cannot send. A keyboard user who was typing with focus on a Report button
 * must not file a report by accident (issue 9), so:
 * - focus starts on the step's heading, not on a control: Space and Enter there do nothing;
 * - there is no <form>, so Enter on a reason or in the note submits nothing;
 * - "Continue" only leads to a review step, whose heading takes focus again; "Send report" is
 *   reached only by Tab (or a click), and an auto-repeated key on it is ignored;
 * - afterwards "Undo report" withdraws it while the server allows (`withdrawableUntil`).
 * Tab stays inside, Escape cancels at any step, and focus returns to whatever opened the dialog.
 * The reported person is never told.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReportReason, ReportReceipt } from '@backchannel/protocol';
import { deliberateKeys, ignoreRepeats, useDeliberateFocus } from './deliberate.js';
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

type Step = 'choose' | 'review' | 'done';

export function ReportDialog({
  title,
  blocks,
  onSubmit,
  onWithdraw,
  onClose,
  seen = 'the message and up to four before it',
}: {
  title: string;
  /** What the moderators will see with the report, for the review step. */
  seen?: string;
  /** 'always': reporting also blocks (requests); 'offer': a checkbox; 'never': no block. */
  blocks: 'always' | 'offer' | 'never';
  /** Resolves when the report is in; the dialog then thanks the reporter (unless it was unmounted). */
  onSubmit: (choice: ReportChoice) => Promise<ReportReceipt | void>;
  /** Withdraws the report by id; without it (or once `withdrawableUntil` passed) there is no Undo. */
  onWithdraw?: (reportId: string) => Promise<void>;
  onClose: () => void;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState<Step>('choose');
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [block, setBlock] = useState(blocks === 'always');
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const submit = useAction(async () => {
    if (!reason) return;
    setReceipt((await onSubmit({ reason, note: note.trim(), block })) ?? null);
    setStep('done');
  });

  // Every step starts with focus on its heading: nothing a stray key press could activate.
  useDeliberateFocus(box, step);

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={id} className="card dialog" onKeyDown={(e) => deliberateKeys(e, box.current, onClose)}>
        {step === 'choose' && (
          <>
            <h2 id={id} tabIndex={-1} data-step-heading>
              {title}
            </h2>
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
            <div className="row">
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="button primary" disabled={!reason} onClick={() => setStep('review')}>
                Continue
              </button>
            </div>
          </>
        )}
        {step === 'review' && reason && (
          <>
            <h2 id={id} tabIndex={-1} data-step-heading>
              Send this report?
            </h2>
            <dl className="review">
              <dt>Reason</dt>
              <dd>{reasonLabel(reason)}</dd>
              {note.trim() && (
                <>
                  <dt>Your note</dt>
                  <dd>{note.trim()}</dd>
                </>
              )}
            </dl>
            <p className="muted small">
              Our team will see {seen}. {block ? 'You’ll also block them. ' : ''}They won’t be told.
            </p>
            {submit.error && (
              <p className="error" role="alert">
                {submit.error}
              </p>
            )}
            <div className="row">
              <button type="button" className="button" onClick={() => setStep('choose')}>
                Back
              </button>
              <button type="button" className="button danger" disabled={submit.busy} onKeyDown={ignoreRepeats} onClick={() => void submit.run()}>
                {submit.busy ? 'Reporting…' : 'Send report'}
              </button>
            </div>
          </>
        )}
        {step === 'done' && <Thanks headingId={id} block={block} receipt={receipt} onWithdraw={onWithdraw} onClose={onClose} />}
      </div>
    </div>
  );
}

/** Until when the report can still be withdrawn (ms), or null; re-renders once when it lapses. */
function useWithdrawable(receipt: ReportReceipt | null, canWithdraw: boolean): boolean {
  const until = canWithdraw && receipt?.withdrawableUntil ? Date.parse(receipt.withdrawableUntil) : null;
  const [, lapse] = useState(0);
  useEffect(() => {
    if (until === null || until <= Date.now()) return;
    const t = window.setTimeout(() => lapse((n) => n + 1), until - Date.now());
    return () => window.clearTimeout(t);
  }, [until]);
  return until !== null && until > Date.now();
}

function Thanks({
  headingId,
  block,
  receipt,
  onWithdraw,
  onClose,
}: {
  headingId: string;
  block: boolean;
  receipt: ReportReceipt | null;
  onWithdraw?: (id: string) => Promise<void>;
  onClose: () => void;
}) {
  const [withdrawn, setWithdrawn] = useState(false);
  const canUndo = useWithdrawable(receipt, onWithdraw !== undefined) && !withdrawn;
  const undo = useAction(async () => {
    if (!receipt || !onWithdraw) return;
    await onWithdraw(receipt.id);
    setWithdrawn(true);
  });
  return (
    <>
      <h2 id={headingId} tabIndex={-1} data-step-heading>
        {withdrawn ? 'Report withdrawn' : 'Thanks for telling us'}
      </h2>
      <p className="muted" role="status">
        {withdrawn
          ? `We’ve withdrawn your report.${block ? ' They’re still blocked: you can unblock them from their profile or in Privacy.' : ''}`
          : `Our team will look at it. They won’t know you reported them${block ? ', or that you blocked them' : ''}.`}
      </p>
      {undo.error && (
        <p className="error" role="alert">
          {undo.error}
        </p>
      )}
      <div className="row">
        {canUndo && (
          <button type="button" className="button" onClick={() => void undo.run()} disabled={undo.busy}>
            Undo report
          </button>
        )}
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
