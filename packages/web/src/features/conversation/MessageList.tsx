/**
 * The scrolling history. Keeps the view pinned to the bottom while the reader is there, keeps the
 * reading position steady when older pages are prepended, pages back when the top sentinel becomes
 * visible, and marks the conversation read while the reader is at the bottom of a visible tab.
 * The messages are one tab stop (useRovingList): arrows move inside, Tab goes on to the composer.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Conversation, Message } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { ReportDialog } from '../../components/ReportDialog.js';
import { dayLabel } from '../../lib/time.js';
import { useAppState, useController } from '../../app/AppContext.js';
import { buildRows, memberName, pendingFor, seenMessageId, systemText } from '../../lib/conversations.js';
import { MessageBubble, PendingBubble } from './MessageBubble.js';
import { useRovingList } from './useRovingList.js';

const AT_BOTTOM_PX = 48;

export function MessageList({ conversation: c }: { conversation: Conversation }) {
  const state = useAppState();
  const controller = useController();
  const myId = state.me?.id ?? '';
  const list = state.messages[c.id];
  const pending = useMemo(() => pendingFor(state, c.id), [state, c.id]);
  const rows = useMemo(() => buildRows(list?.items ?? [], pending, myId), [list, pending, myId]);
  const navKeys = useMemo(() => rows.flatMap((r) => (r.kind === 'group' ? [...r.messages.map((m) => m.id), ...r.pending.map((p) => p.clientMessageId)] : [])), [rows]);
  const roving = useRovingList(navKeys);
  const hintId = `${c.id}-messages-hint`;
  const seenId = useMemo(() => seenMessageId(state, c), [state, c]);
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const prependFrom = useRef<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [reporting, setReporting] = useState<Message | null>(null);
  const linksEnabled = c.folder === 'inbox';
  const lastSeq = list?.items[list.items.length - 1]?.seq ?? 0;

  const markRead = useCallback(() => {
    if (atBottom.current && document.visibilityState === 'visible' && lastSeq > c.readSeq) controller.markRead(c.id, lastSeq);
  }, [controller, c.id, c.readSeq, lastSeq]);

  // After each render: keep the bottom in view, or restore the position after a prepend.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (prependFrom.current !== null) {
      el.scrollTop += el.scrollHeight - prependFrom.current;
      prependFrom.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [rows]);

  useEffect(() => {
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [markRead]);

  const loadOlder = useCallback(async () => {
    if (loadingOlder || !list?.hasMore) return;
    setLoadingOlder(true);
    prependFrom.current = scroller.current?.scrollHeight ?? null;
    try {
      await controller.loadOlder(c.id);
    } catch {
      prependFrom.current = null;
    } finally {
      setLoadingOlder(false);
    }
  }, [controller, c.id, list?.hasMore, loadingOlder]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !list?.hasMore) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadOlder(), { root: scroller.current, rootMargin: '200px 0px 0px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [loadOlder, list?.hasMore]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_PX;
    markRead();
  };

  return (
    <div className="messages" ref={scroller} onScroll={onScroll}>
      <div ref={sentinel} className="history-top">
        {list?.hasMore ? (
          <button type="button" className="button small" onClick={() => void loadOlder()} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Load earlier messages'}
          </button>
        ) : list ? (
          <p className="muted small">This is the beginning of your conversation.</p>
        ) : (
          <p className="muted small" role="status">
            Loading…
          </p>
        )}
      </div>
      <NewMessageAnnouncer conversation={c} />
      <p id={hintId} className="visually-hidden">
        Use the up and down arrow keys to move between messages, and the right arrow key to reach a message’s links and actions.
      </p>
      <ol className="rows" aria-label="Messages" aria-describedby={hintId} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
        {rows.map((row) => {
          if (row.kind === 'day')
            return (
              <li key={row.key} className="day-divider">
                <span>{dayLabel(row.at)}</span>
              </li>
            );
          if (row.kind === 'system')
            return (
              <li key={row.key} className="system-note" data-testid="system-message">
                {systemText(c, row.message, myId, state.people)}
              </li>
            );
          const mine = row.senderId === myId;
          const name = memberName(c, row.senderId, undefined, state.people);
          return (
            <li key={row.key} className={`msg-group${mine ? ' mine' : ''}`}>
              {!mine && <Avatar id={row.senderId} name={name} size={32} />}
              <div className="msg-group-body">
                {!mine && c.kind === 'group' && <div className="sender">{name}</div>}
                <ol className="msg-stack" aria-label={mine ? 'Your messages' : `Messages from ${name}`}>
                  {row.messages.map((m) => (
                    <MessageBubble
                      key={m.id}
                      message={m}
                      mine={mine}
                      linksEnabled={linksEnabled}
                      seen={m.id === seenId}
                      removed={state.removed[m.id] === true}
                      onReport={mine ? undefined : () => setReporting(m)}
                      nav={{ key: m.id, tabStop: roving.current === m.id }}
                    />
                  ))}
                  {row.pending.map((p) => (
                    <PendingBubble
                      key={p.clientMessageId}
                      entry={p}
                      onRetry={() => controller.retry(p.clientMessageId)}
                      onDiscard={() => controller.discard(p.clientMessageId)}
                      nav={{ key: p.clientMessageId, tabStop: roving.current === p.clientMessageId }}
                    />
                  ))}
                </ol>
              </div>
            </li>
          );
        })}
      </ol>
      {reporting && (
        <ReportDialog
          title={`Report ${memberName(c, reporting.senderId, undefined, state.people)}’s message`}
          blocks="offer"
          onClose={() => setReporting(null)}
          onSubmit={({ reason, note, block }) => controller.report({ target: { kind: 'message', messageId: reporting.id }, reason, ...(note ? { note } : {}), ...(block ? { block } : {}) })}
          onWithdraw={(id) => controller.withdrawReport(id)}
        />
      )}
    </div>
  );
}

/**
 * Screen readers hear each new message from someone else as it arrives, and nothing else: not the
 * first page, not older pages, not my own sends. (A live region on the whole list would read out
 * every history page.)
 */
function NewMessageAnnouncer({ conversation: c }: { conversation: Conversation }) {
  const state = useAppState();
  const myId = state.me?.id;
  const items = state.messages[c.id]?.items;
  const newest = items?.[items.length - 1];
  const seen = useRef<number | null>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!newest) return;
    const previous = seen.current;
    seen.current = Math.max(previous ?? 0, newest.seq);
    if (previous === null || newest.seq <= previous || newest.senderId === myId || newest.kind !== 'text') return;
    setText(`${memberName(c, newest.senderId, myId, state.people)}: ${newest.text}`);
  }, [newest, myId, c, state.people]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status">
      {text}
    </div>
  );
}
