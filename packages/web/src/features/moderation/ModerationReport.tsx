/**
 * One report: what was reported, with up to four messages before it as the reporter saw them, and
 * the three actions (dismiss, remove the message, suspend the account), each confirmed and audited.
 * Links in reported content stay plain text.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Message, Report, ReportRoomContext, UserSummary } from '@backchannel/protocol';
import { Confirm } from '../../components/Confirm.js';
import { reasonLabel } from '../../components/ReportDialog.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { dayLabel, timeLabel } from '../../lib/time.js';
import { describeError } from '../../core/describe.js';
import { systemText } from '../../lib/conversations.js';
import { useController } from '../../app/AppContext.js';
import { MessageText } from '../conversation/MessageBubble.js';

type Act = 'dismiss' | 'remove' | 'suspend';

export function ModerationReport({ id }: { id: string }) {
  const controller = useController();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => controller.moderation.moderationReport(id).then(setReport, (err: unknown) => setError(describeError(err))), [controller, id]);
  useEffect(() => void load(), [load]);

  return (
    <div className="screen">
      <TopBar
        title={report ? 'Report' : error ? 'Report unavailable' : 'Loading…'}
        back={{ href: paths.moderation(), label: 'Back to the moderation queue' }}
      />
      <main className="narrow pad stack">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {report && <ReportDetail report={report} reload={load} />}
      </main>
    </div>
  );
}

function ReportDetail({ report: r, reload }: { report: Report; reload: () => Promise<void> }) {
  const reported = r.target.kind === 'message' ? r.context[r.context.length - 1] : undefined;
  const people = Object.fromEntries([r.reporter, ...(r.reportedUser ? [r.reportedUser] : [])].map((u) => [u.id, u]));
  const name = (userId: string) =>
    userId === r.reporter.id ? r.reporter.displayName : userId === r.reportedUser?.id ? r.reportedUser.displayName : 'Someone else';
  return (
    <>
      <section className="card pad stack" aria-label="About this report">
        <dl className="facts">
          <dt>Reason</dt>
          <dd>
            <span className="pill danger-pill">{reasonLabel(r.reason)}</span>
          </dd>
          <dt>Reported</dt>
          <dd>{r.reportedUser ? `${r.reportedUser.displayName} (@${r.reportedUser.username})` : 'Unknown account'}</dd>
          <dt>By</dt>
          <dd>
            {r.reporter.displayName} (@{r.reporter.username}), {dayLabel(r.createdAt).toLowerCase()} at {timeLabel(r.createdAt)}
          </dd>
          <dt>State</dt>
          <dd data-testid="report-state">{r.state === 'open' ? 'Open' : r.state === 'dismissed' ? 'Dismissed' : 'Action taken'}</dd>
          {r.note && (
            <>
              <dt>Note</dt>
              <dd className="report-note">{r.note}</dd>
            </>
          )}
        </dl>
      </section>
      {r.context.length > 0 && (
        <section className="card pad stack" aria-labelledby="context-heading">
          <h2 id="context-heading" className="section-title">
            {reported ? 'The message and what came before it' : 'What the reporter saw'}
          </h2>
          <ol className="context" aria-label="Reported conversation">
            {r.context.map((m) => (
              <ContextMessage key={m.id} message={m} sender={name(m.senderId)} reported={m.id === reported?.id} people={people} />
            ))}
          </ol>
        </section>
      )}
      {r.room && <RoomContext room={r.room} />}
      <Actions report={r} reported={reported} reload={reload} />
    </>
  );
}

function ContextMessage({
  message: m,
  sender,
  reported,
  people,
}: {
  message: Message;
  sender: string;
  reported: boolean;
  people: Record<string, UserSummary>;
}) {
  if (m.kind === 'system') {
    return <li className="context-msg system">{systemText(undefined, m, undefined, people)}</li>;
  }
  return (
    <li className={`context-msg${reported ? ' reported' : ''}`} data-testid={reported ? 'reported-message' : undefined}>
      <span className="context-meta">
        <strong>{sender}</strong> <time dateTime={m.createdAt}>{timeLabel(m.createdAt)}</time>
        {reported && <span className="pill danger-pill">Reported</span>}
      </span>
      <span className="context-text">
        <MessageText text={m.text} entities={m.entities} linksEnabled={false} />
      </span>
    </li>
  );
}

/** A room chat message as it was when reported, with the chat around it (it may be deleted since). */
function RoomContext({ room }: { room: ReportRoomContext }) {
  return (
    <section className="card pad stack" aria-labelledby="room-context-heading">
      <h2 id="room-context-heading" className="section-title">
        In the room “{room.title}”
      </h2>
      <ol className="context" aria-label="Room chat around the reported message">
        {room.messages.map((m) => {
          const reported = m.id === room.messageId;
          return (
            <li key={m.id} className={`context-msg${reported ? ' reported' : ''}`} data-testid={reported ? 'reported-message' : undefined}>
              <span className="context-meta">
                <strong>{m.sender.displayName}</strong> <time dateTime={m.createdAt}>{timeLabel(m.createdAt)}</time>
                {reported && <span className="pill danger-pill">Reported</span>}
              </span>
              <span className="context-text">
                {m.deleted ? (
                  <em className="muted">Deleted</em>
                ) : (
                  <MessageText text={m.text} entities={m.entities.filter((e) => e.type === 'link')} linksEnabled={false} />
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Actions({ report: r, reported, reload }: { report: Report; reported: Message | undefined; reload: () => Promise<void> }) {
  const controller = useController();
  const [pending, setPending] = useState<Act | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const act = useAction(async (what: Act) => {
    const n = note.trim() || undefined;
    if (what === 'dismiss') {
      await controller.moderation.dismissReport(r.id, n);
      navigate(paths.moderation());
      return;
    }
    if (what === 'remove' && reported) await controller.moderation.removeMessage(reported.id, r.id, n);
    if (what === 'suspend' && r.reportedUser) await controller.moderation.suspendUser(r.reportedUser.id, r.id, n);
    setPending(null);
    setNote('');
    setDone(what === 'remove' ? 'Message removed. Members now see “Removed by a moderator”.' : 'Account suspended. Their sessions have ended.');
    await reload();
  });
  const who = r.reportedUser ? `@${r.reportedUser.username}` : 'this account';
  const questions: Record<Act, string> = {
    dismiss: 'Dismiss this report? Nothing happens to the reported account.',
    remove: 'Remove this message for everyone in the conversation?',
    suspend: `Suspend ${who}? They are logged out everywhere and can’t log in again.`,
  };
  const labels: Record<Act, string> = { dismiss: 'Dismiss report', remove: 'Remove message', suspend: 'Suspend account' };
  const available: Act[] = ['dismiss', ...(reported ? (['remove'] as const) : []), ...(r.reportedUser ? (['suspend'] as const) : [])];

  return (
    <section className="card pad stack" aria-label="Actions">
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <div className="row">
        {available.map((a) => (
          <button
            key={a}
            type="button"
            className={`button small${a === 'dismiss' ? '' : ' danger-outline'}`}
            onClick={() => setPending(a)}
            aria-expanded={pending === a}
            disabled={act.busy}
          >
            {labels[a]}
          </button>
        ))}
      </div>
      {pending && (
        <Confirm
          question={questions[pending]}
          action={labels[pending]}
          danger={pending !== 'dismiss'}
          onConfirm={() => void act.run(pending)}
          onCancel={() => setPending(null)}
          busy={act.busy}
          error={act.error}
        >
          <label className="field">
            <span>Note for the audit log (optional)</span>
            <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
        </Confirm>
      )}
    </section>
  );
}
