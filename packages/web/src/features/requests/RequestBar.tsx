/** The bar on top of a request I received: what it means, the trust context, and the actions. */
import type { Conversation } from '@backchannel/protocol';
import { RequestActions } from './RequestActions.js';
import { requestTrustLines } from './selectors.js';

/** Requests: the sender learns nothing until the recipient answers (accept, delete, block, report). */
export function RequestBar({ conversation: c, senderName }: { conversation: Conversation; senderName: string }) {
  return (
    <div className="request-bar" role="region" aria-label="Message request" data-testid="request-bar">
      <p>
        <strong>Message request.</strong> {c.kind === 'group' ? 'Someone you don’t follow added you to this group.' : 'You don’t follow this person.'} They won’t know you’ve seen this. Links stay
        inactive until you accept.
      </p>
      {c.request && (
        <ul className="trust" aria-label="About the sender">
          {requestTrustLines(c.request).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <RequestActions conversation={c} senderName={senderName} />
    </div>
  );
}
