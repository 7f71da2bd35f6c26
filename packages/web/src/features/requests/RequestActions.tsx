/**
 * What the recipient can do with a request (PRODUCT.md §2): accept (moves it to the inbox and tells
 * the sender), or delete / block / report, which the sender never learns about. The last three
 * return to the Requests list.
 */
import { useState } from 'react';
import type { Conversation } from '@backchannel/protocol';
import { Confirm } from '../../components/Confirm.js';
import { ReportDialog } from '../../components/ReportDialog.js';
import { useAction } from '../../components/useAsync.js';
import { navigate, paths } from '../../lib/router.js';
import { useController } from '../../app/AppContext.js';

type Pending = 'delete' | 'block' | 'report' | null;

export function RequestActions({ conversation: c, senderName }: { conversation: Conversation; senderName: string }) {
  const controller = useController();
  const [pending, setPending] = useState<Pending>(null);
  const backToRequests = () => navigate(paths.inbox('requests'), { replace: true });
  const accept = useAction(async () => {
    await controller.requests.acceptRequest(c.id);
    // Stay in the conversation: it is a normal chat now, and the composer is right there.
    document.getElementById(`composer-${c.id}`)?.focus();
  });
  const resolve = useAction(async (what: 'delete' | 'block') => {
    await (what === 'delete' ? controller.requests.deleteRequest(c.id) : controller.requests.blockRequest(c.id));
    backToRequests();
  });
  const who = c.kind === 'group' ? 'the person who added you' : senderName;

  return (
    <div className="request-actions" data-slot="request-safety-actions">
      <div className="row">
        <button type="button" className="button small primary" onClick={() => void accept.run()} disabled={accept.busy || resolve.busy}>
          Accept
        </button>
        <button type="button" className="button small" onClick={() => setPending('delete')} aria-expanded={pending === 'delete'}>
          Delete
        </button>
        <button type="button" className="button small danger-outline" onClick={() => setPending('block')} aria-expanded={pending === 'block'}>
          Block
        </button>
        <button type="button" className="button small danger-outline" onClick={() => setPending('report')}>
          Report
        </button>
      </div>
      <p className="quiet">Accepting tells {who} and moves this to your inbox. If you delete, block or report, they won’t be told.</p>
      {pending === 'delete' && (
        <Confirm question={`Delete this request? ${senderName} won’t be told.`} action="Delete request" onConfirm={() => void resolve.run('delete')} onCancel={() => setPending(null)} busy={resolve.busy} error={resolve.error} />
      )}
      {pending === 'block' && (
        <Confirm question={`Block ${senderName}? They won’t be told, and can’t message you again.`} action="Block" onConfirm={() => void resolve.run('block')} onCancel={() => setPending(null)} busy={resolve.busy} error={resolve.error} />
      )}
      {pending === 'report' && (
        <ReportDialog
          title={`Report ${senderName}`}
          blocks="always"
          onClose={() => setPending(null)}
          onSubmit={async ({ reason, note }) => {
            await controller.requests.reportRequest(c.id, reason, note || undefined);
            backToRequests();
          }}
        />
      )}
      {accept.error && (
        <p className="error" role="alert">
          {accept.error}
        </p>
      )}
    </div>
  );
}
