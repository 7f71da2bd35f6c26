/**
 * The operators' moderation queue (PRODUCT.md §6): open reports, newest first, and the audit log of
 * every action taken. Only reachable for `me.roles` containing `operator`; the server checks again.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AuditEntry, Report } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Link } from '../../components/Link.js';
import { reasonLabel } from '../../components/ReportDialog.js';
import { TopBar } from '../../components/TopBar.js';
import { paths } from '../../lib/router.js';
import { shortAgo } from '../../lib/time.js';
import { describeError } from '../../core/describe.js';
import { useController, useMe } from '../../app/AppContext.js';

export function OperatorsOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me?.roles.includes('operator')) return <>{children}</>;
  return (
    <div className="screen">
      <TopBar title="Nothing here" back={{ href: paths.hallway(), label: 'Back to the hallway' }} />
      <main className="narrow pad">
        <p className="muted">This page is for Backchannel’s moderators.</p>
      </main>
    </div>
  );
}

export function ModerationQueue() {
  const controller = useController();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([controller.moderation.moderationReports('open'), controller.moderation.moderationAudit()]).then(
      ([r, a]) => {
        setReports(r);
        setAudit(a);
      },
      (err: unknown) => setError(describeError(err)),
    );
  }, [controller]);

  return (
    <div className="screen">
      <TopBar title="Moderation queue" back={{ href: paths.hallway(), label: 'Back to the hallway' }} />
      <main className="narrow pad stack">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <section className="card pad stack" aria-labelledby="open-reports">
          <h2 id="open-reports" className="section-title">
            Open reports{reports ? ` (${reports.length})` : ''}
          </h2>
          {reports === null && !error && <p className="muted small">Loading…</p>}
          {reports?.length === 0 && <p className="muted">Nothing to review. Nice.</p>}
          {reports && reports.length > 0 && (
            <ul className="reports" aria-label="Open reports">
              {reports.map((r) => (
                <ReportRow key={r.id} report={r} />
              ))}
            </ul>
          )}
        </section>
        <section className="card pad stack" aria-labelledby="audit-heading">
          <h2 id="audit-heading" className="section-title">
            Audit log
          </h2>
          {audit?.length === 0 && <p className="muted small">No actions yet.</p>}
          {audit && audit.length > 0 && (
            <ul className="audit" aria-label="Audit log">
              {audit.map((e) => (
                <li key={e.id}>
                  <span className="pill">{AUDIT_LABEL[e.action]}</span> <time dateTime={e.createdAt}>{shortAgo(e.createdAt)}</time>
                  {e.note && <span className="muted small"> · {e.note}</span>}
                  {/* A withdrawn report is deleted: there is nothing left to view. */}
                  {e.reportId && e.action !== 'report.withdrawn' && (
                    <>
                      {' · '}
                      <Link href={paths.moderationReport(e.reportId)}>View report</Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}

export const AUDIT_LABEL: Record<AuditEntry['action'], string> = {
  'report.dismissed': 'Report dismissed',
  'message.removed': 'Message removed',
  'user.suspended': 'User suspended',
  'report.withdrawn': 'Report withdrawn by its reporter',
  'user.unsuspended': 'User unsuspended',
  'user.deleted': 'Account deleted',
};

/** The reported message (last in `context`) as a one-line preview. */
export function reportedText(r: Report): string {
  if (r.target.kind === 'user') return `Reported the account @${r.reportedUser?.username ?? 'unknown'}`;
  if (r.room) return `In the room “${r.room.title}”: ${r.room.messages.find((m) => m.id === r.room?.messageId)?.text ?? ''}`;
  const last = r.context[r.context.length - 1];
  return last ? last.text : 'Reported a conversation';
}

function ReportRow({ report: r }: { report: Report }) {
  const who = r.reportedUser;
  return (
    <li>
      <Link
        className="report-row"
        href={paths.moderationReport(r.id)}
        aria-label={`${reasonLabel(r.reason)}: ${who ? who.displayName : 'unknown'}, reported by ${r.reporter.displayName}`}
      >
        <Avatar id={who?.id ?? r.id} name={who?.displayName ?? '?'} size={44} />
        <span className="report-text">
          <span className="report-top">
            <strong>{who?.displayName ?? 'Unknown account'}</strong>
            <span className="pill danger-pill">{reasonLabel(r.reason)}</span>
          </span>
          <span className="report-preview">{reportedText(r)}</span>
          <span className="muted small">
            Reported by {r.reporter.displayName} · <time dateTime={r.createdAt}>{shortAgo(r.createdAt)}</time>
          </span>
        </span>
      </Link>
    </li>
  );
}
