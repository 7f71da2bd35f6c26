/**
 * One message. Text is rendered as React text nodes and <a> elements built from link entities;
 * never as HTML. Links open in a new tab without giving that tab a handle on ours.
 */
import { memo, useState } from 'react';
import type { Message } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { LinkPreviewCard } from './LinkPreviewCard.js';
import { RoomLinkCard, roomLinksIn } from './RoomLinkCard.js';
import { segmentText } from '../../lib/links.js';
import { timeLabel } from '../../lib/time.js';
import type { PendingMessage } from './state.js';

/** Where the bubble sits in a roving-tabindex list (useRovingList): its key, and whether it is the list's one tab stop. */
export interface ListNav {
  key: string;
  tabStop: boolean;
}

export function MessageText({ text, entities, linksEnabled, inList = false }: { text: string; entities: Message['entities']; linksEnabled: boolean; inList?: boolean }) {
  return (
    <>
      {segmentText(text, entities, { linksEnabled }).map((s, i) =>
        s.kind === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer" tabIndex={inList ? -1 : undefined}>
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function CopyButton({ text, inList }: { text: string; inList: boolean }) {
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
    <button type="button" className="msg-action" onClick={copy} aria-label={copied ? 'Copied' : 'Copy message'} title="Copy" tabIndex={inList ? -1 : undefined}>
      <Icon name={copied ? 'check' : 'copy'} size={16} />
    </button>
  );
}

/**
 * Memoised on its props (with `nav` compared by value): a new message, an edit or a removal
 * re-renders that one bubble, not the history. Callbacks take the message, so the list passes one
 * stable function to all bubbles.
 */
export const MessageBubble = memo(function MessageBubble({
  message,
  mine,
  linksEnabled,
  seen,
  removed = false,
  onReport,
  onRemovePreviews,
  nav,
}: {
  message: Message;
  mine: boolean;
  linksEnabled: boolean;
  seen: boolean;
  /** An operator removed it while we watched: a tombstone, with nothing left to copy or report. */
  removed?: boolean;
  onReport?: (message: Message) => void;
  /** The sender's own message: removes its link previews for everyone. */
  onRemovePreviews?: (message: Message) => void;
  nav?: ListNav;
}) {
  const item = navProps(nav);
  const inList = nav !== undefined;
  if (removed) {
    return (
      <li className={`msg removed${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message" data-removed="true" {...item}>
        <div className="bubble tombstone">Removed by a moderator</div>
        <div className="msg-meta">
          <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        </div>
      </li>
    );
  }
  return (
    <li className={`msg${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message" {...item}>
      <div className="bubble">
        <MessageText text={message.text} entities={message.entities} linksEnabled={linksEnabled} inList={inList} />
      </div>
      {linksEnabled && roomLinksIn(message).map((id) => <RoomLinkCard key={id} roomId={id} />)}
      {linksEnabled &&
        message.previews?.map((p) => <LinkPreviewCard key={p.url} preview={p} inList={inList} onRemove={onRemovePreviews ? () => onRemovePreviews(message) : undefined} />)}
      <div className="msg-meta">
        <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        {seen && <span className="seen">Seen</span>}
        <CopyButton text={message.text} inList={inList} />
        {onReport && (
          <button type="button" className="msg-action" onClick={() => onReport(message)} aria-label="Report message" title="Report" tabIndex={inList ? -1 : undefined}>
            <Icon name="flag" size={16} />
          </button>
        )}
      </div>
    </li>
  );
}, sameProps);

/** Shallow equality, except `nav`, which is a fresh object each render and compared by value. */
function sameProps<P extends { nav?: ListNav }>(a: P, b: P): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof P>;
  for (const k of keys) {
    if (k === 'nav') {
      if (a.nav?.key !== b.nav?.key || a.nav?.tabStop !== b.nav?.tabStop) return false;
    } else if (!Object.is(a[k], b[k])) return false;
  }
  return true;
}

function navProps(nav: ListNav | undefined) {
  return nav ? { 'data-nav-key': nav.key, tabIndex: nav.tabStop ? 0 : -1 } : {};
}

export const PendingBubble = memo(function PendingBubble({
  entry,
  onRetry,
  onDiscard,
  nav,
}: {
  entry: PendingMessage;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  nav?: ListNav;
}) {
  const failed = entry.state === 'failed';
  const control = nav ? -1 : undefined;
  return (
    <li className={`msg mine ${failed ? 'failed' : 'pending'}`} data-testid="pending-message" data-state={entry.state} {...navProps(nav)}>
      <div className="bubble">{entry.text}</div>
      <div className="msg-meta" role={failed ? 'alert' : undefined}>
        {failed ? (
          <>
            <span className="error-text">Not sent{entry.error ? `: ${entry.error}` : ''}</span>
            <button type="button" className="msg-action labeled" onClick={() => onRetry(entry.clientMessageId)} tabIndex={control}>
              <Icon name="retry" size={16} /> Retry
            </button>
            <button type="button" className="msg-action labeled" onClick={() => onDiscard(entry.clientMessageId)} tabIndex={control}>
              Delete
            </button>
          </>
        ) : (
          <span className="muted">Sending…</span>
        )}
      </div>
    </li>
  );
}, sameProps);
