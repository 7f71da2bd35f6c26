/**
 * One message. Text is rendered as React text nodes and <a> elements built from link entities;
 * never as HTML. Links open in a new tab without giving that tab a handle on ours.
 */
import { useState } from 'react';
import type { Message } from '@backchannel/protocol';
import { Icon } from '../components/Icon.js';
import { segmentText } from '../lib/links.js';
import { timeLabel } from '../lib/time.js';
import type { PendingMessage } from '../state/store.js';

export function MessageText({ text, entities, linksEnabled }: { text: string; entities: Message['entities']; linksEnabled: boolean }) {
  return (
    <>
      {segmentText(text, entities, { linksEnabled }).map((s, i) =>
        s.kind === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(text).then(
      () => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  };
  return (
    <button type="button" className="msg-action" onClick={copy} aria-label={copied ? 'Copied' : 'Copy message'} title="Copy">
      <Icon name={copied ? 'check' : 'copy'} size={16} />
    </button>
  );
}

export function MessageBubble({
  message,
  mine,
  linksEnabled,
  seen,
  removed = false,
  onReport,
}: {
  message: Message;
  mine: boolean;
  linksEnabled: boolean;
  seen: boolean;
  /** An operator removed it while we watched: a tombstone, with nothing left to copy or report. */
  removed?: boolean;
  onReport?: () => void;
}) {
  if (removed) {
    return (
      <li className={`msg removed${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message" data-removed="true">
        <div className="bubble tombstone">Removed by a moderator</div>
        <div className="msg-meta">
          <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        </div>
      </li>
    );
  }
  return (
    <li className={`msg${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message">
      <div className="bubble">
        <MessageText text={message.text} entities={message.entities} linksEnabled={linksEnabled} />
      </div>
      <div className="msg-meta">
        <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        {seen && <span className="seen">Seen</span>}
        <CopyButton text={message.text} />
        {onReport && (
          <button type="button" className="msg-action" onClick={onReport} aria-label="Report message" title="Report">
            <Icon name="flag" size={16} />
          </button>
        )}
      </div>
    </li>
  );
}

export function PendingBubble({ entry, onRetry, onDiscard }: { entry: PendingMessage; onRetry: () => void; onDiscard: () => void }) {
  const failed = entry.state === 'failed';
  return (
    <li className={`msg mine ${failed ? 'failed' : 'pending'}`} data-testid="pending-message" data-state={entry.state}>
      <div className="bubble">{entry.text}</div>
      <div className="msg-meta" role={failed ? 'alert' : undefined}>
        {failed ? (
          <>
            <span className="error-text">Not sent{entry.error ? `: ${entry.error}` : ''}</span>
            <button type="button" className="msg-action labeled" onClick={onRetry}>
              <Icon name="retry" size={16} /> Retry
            </button>
            <button type="button" className="msg-action labeled" onClick={onDiscard}>
              Delete
            </button>
          </>
        ) : (
          <span className="muted">Sending…</span>
        )}
      </div>
    </li>
  );
}
