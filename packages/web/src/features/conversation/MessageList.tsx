/**
 * The scrolling history. Keeps the view pinned to the bottom while the reader is there, keeps the
 * reading position steady when older pages are prepended, pages back when the top sentinel becomes
 * visible, and marks the conversation read while the reader is at the bottom of a visible tab.
 * The messages are one tab stop (useRovingList): arrows move inside, Tab goes on to the composer.
 *
 * It subscribes to this conversation's messages, my pending sends here, names and tombstones, and
 * nothing else: a typing event or another conversation's message does not re-render it, and a
 * changed message re-renders its bubble only (MessageBubble is memoised). Long histories are
 * windowed (useMessageWindow.ts): at most WINDOW_MAX messages are in the DOM.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Conversation, Message } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { ReportDialog } from '../../components/ReportDialog.js';
import { shallowEqualArrays } from '../../core/useSelector.js';
import { memberName, systemText } from '../../lib/conversations.js';
import { dayLabel } from '../../lib/time.js';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { MessageBubble, PendingBubble, type MessageActions } from './MessageBubble.js';
import { describeError } from '../../core/describe.js';
import { lastMessage, type MessageIndex } from './messageIndex.js';
import { buildRows, pendingFor, seenIn } from './selectors.js';
import { useMessageWindow, useSettle } from './useMessageWindow.js';
import { useRovingList, type RovingEdge } from './useRovingList.js';

export function MessageList({ conversation: c }: { conversation: Conversation }) {
  const controller = useController();
  const myId = useMe()?.id ?? '';
  const index = useAppSelector((s) => s.conversation.messages[c.id]);
  const pending = useAppSelector((s) => pendingFor(s.conversation.outbox, c.id), shallowEqualArrays);
  const people = useAppSelector((s) => s.people.byId);
  const reads = useAppSelector((s) => s.conversation.reads[c.id]);
  const win = useMessageWindow(controller.store, c.id, index);
  const { start, end, scroller, atBottom } = win;
  const atNewest = !index || end === index.ids.length;
  const hiddenAbove = start > 0;
  const shown = useMemo(() => (index ? index.ids.slice(start, end).map((id) => index.byId[id]!) : []), [index, start, end]);
  const rows = useMemo(() => buildRows(shown, atNewest ? pending : [], myId), [shown, atNewest, pending, myId]);
  const navKeys = useMemo(() => rows.flatMap((r) => (r.kind === 'group' ? [...r.messages.map((m) => m.id), ...r.pending.map((p) => p.clientMessageId)] : [])), [rows]);
  const reveal = useCallback((edge: RovingEdge) => revealFor(edge, win, controller.store.getState().conversation.messages[c.id], pending), [win, controller, c.id, pending]);
  const roving = useRovingList(navKeys, reveal);
  const hintId = `${c.id}-messages-hint`;
  const seenId = useMemo(() => seenIn(index, reads, c, myId), [index, reads, c, myId]);
  const sentinel = useRef<HTMLDivElement>(null);
  const bottomSentinel = useRef<HTMLDivElement>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [reporting, setReporting] = useState<Message | null>(null);
  const linksEnabled = c.folder === 'inbox';
  const lastSeq = lastMessage(index)?.seq ?? 0;
  const canGoBack = hiddenAbove || index?.hasMore === true;

  const markRead = useCallback(() => {
    if (atNewest && atBottom.current && document.visibilityState === 'visible' && lastSeq > c.readSeq) controller.conversation.markRead(c.id, lastSeq);
  }, [controller, c.id, c.readSeq, lastSeq, atNewest, atBottom]);

  // After each render of the rows: keep the bottom in view, or the reading position after a change above.
  useSettle(win.settle, rows);

  useEffect(() => {
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [markRead]);

  /** Earlier messages: the loaded ones the window hides first, then a page from the server. */
  const showEarlier = useCallback(async () => {
    if (loadingOlder || win.revealAbove() || !index?.hasMore) return;
    setLoadingOlder(true);
    win.keepPosition();
    try {
      await controller.conversation.loadOlder(c.id);
      // A window already at its size keeps the page hidden above: show it.
      win.revealAbove();
    } catch {
      // Nothing changed; the button stays for another try.
    } finally {
      setLoadingOlder(false);
    }
  }, [controller, c.id, index?.hasMore, loadingOlder, win]);

  useEffect(() => observe(sentinel.current, scroller.current, canGoBack, '200px 0px 0px 0px', () => void showEarlier()), [showEarlier, canGoBack, scroller]);
  useEffect(() => observe(bottomSentinel.current, scroller.current, !atNewest, '0px 0px 200px 0px', () => win.revealBelow()), [win, atNewest, scroller]);

  const onScroll = () => {
    win.onScrolled();
    markRead();
  };
  const [notice, setNotice] = useState('');
  const scrollerEl = scroller;
  /** Runs a message action; says what failed (or what it did) in the list's status line. */
  const run = useCallback((work: () => Promise<unknown>, done?: (r: unknown) => string) => {
    setNotice('');
    work().then(
      (r) => done && setNotice(done(r)),
      (err: unknown) => setNotice(`That did not work: ${describeError(err)}`),
    );
  }, []);
  // Stable while the conversation's shared facts stay (a new message must not re-render every bubble).
  const moderator = c.kind === 'group' && c.moderatorId === myId;
  const latest = useRef(c);
  latest.current = c;
  const actions = useMemo<MessageActions>(
    () => ({
      myId,
      moderator,
      nameOf: (id) => memberName(latest.current, id, undefined, people),
      reply: (m) => controller.conversation.compose(c.id, { mode: 'reply', message: m }),
      edit: (m) => controller.conversation.compose(c.id, { mode: 'edit', message: m }),
      react: (m, emoji, reacted) => run(() => controller.conversation.react(m, emoji, reacted)),
      unsend: (m) => run(() => controller.conversation.unsend(m)),
      hide: (m) => run(() => controller.conversation.hide(m), () => 'Deleted for you.'),
      keep: (m) => run(() => controller.conversation.keep(m), (until) => `Kept for reporting until ${new Date(until as string).toLocaleDateString()}. Only moderators handling your report will see it.`),
      jumpTo: (seq) => {
        const el = scrollerEl.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
        if (!el) {
          setNotice('The original message is further back: load earlier messages to see it.');
          return;
        }
        el.scrollIntoView({ block: 'center' });
        el.focus();
      },
    }),
    [myId, moderator, c.id, people, controller, run, scrollerEl],
  );
  const retry = useCallback((id: string) => controller.conversation.retry(id), [controller]);
  const discard = useCallback((id: string) => controller.conversation.discard(id), [controller]);
  const removePreviews = useCallback((m: Message) => void controller.conversation.removePreviews(m.conversationId, m.id).catch(() => undefined), [controller]);

  return (
    <div className="messages" ref={scroller} onScroll={onScroll}>
      <div ref={sentinel} className="history-top">
        {canGoBack ? (
          <button type="button" className="button small" onClick={() => void showEarlier()} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Load earlier messages'}
          </button>
        ) : index ? (
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
                {systemText(c, row.message, myId, people)}
              </li>
            );
          const mine = row.senderId === myId;
          const name = memberName(c, row.senderId, undefined, people);
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
                      onReport={mine ? undefined : setReporting}
                      onRemovePreviews={mine ? removePreviews : undefined}
                      actions={actions}
                      nav={{ key: m.id, tabStop: roving.current === m.id }}
                    />
                  ))}
                  {row.pending.map((p) => (
                    <PendingBubble key={p.clientMessageId} entry={p} onRetry={retry} onDiscard={discard} nav={{ key: p.clientMessageId, tabStop: roving.current === p.clientMessageId }} />
                  ))}
                </ol>
              </div>
            </li>
          );
        })}
      </ol>
      {!atNewest && (
        <div ref={bottomSentinel} className="history-top">
          <button type="button" className="button small" onClick={() => win.revealBelow()}>
            Show newer messages
          </button>
        </div>
      )}
      <p className="muted small list-notice" role="status" data-testid="message-notice">
        {notice}
      </p>
      {reporting && (
        <ReportDialog
          title={`Report ${memberName(c, reporting.senderId, undefined, people)}’s message`}
          blocks="offer"
          onClose={() => setReporting(null)}
          onSubmit={({ reason, note, block }) => controller.moderation.report({ target: { kind: 'message', messageId: reporting.id }, reason, ...(note ? { note } : {}), ...(block ? { block } : {}) })}
          onWithdraw={(id) => controller.moderation.withdrawReport(id)}
        />
      )}
    </div>
  );
}

/** Calls `onVisible` when `el` scrolls into (or near) view inside `root`; returns the cleanup. */
function observe(el: Element | null, root: Element | null, when: boolean, rootMargin: string, onVisible: () => void): (() => void) | undefined {
  if (!el || !when) return undefined;
  const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onVisible(), { root, rootMargin });
  io.observe(el);
  return () => io.disconnect();
}

/**
 * The keyboard's way past the window's edges (useRovingList's `reveal`): render more and name the
 * message to focus. System notes are not stops, so the nearest message around them is chosen.
 */
function revealFor(edge: RovingEdge, win: ReturnType<typeof useMessageWindow>, index: MessageIndex | undefined, pending: readonly { clientMessageId: string }[]): string | null {
  if (!index) return null;
  const isStop = (i: number) => index.byId[index.ids[i]!]!.kind !== 'system';
  const { start, end } = win;
  if (edge === 'before' || edge === 'first') {
    const from = edge === 'first' ? 0 : start - 1;
    let i = edge === 'first' ? 0 : from;
    if (edge === 'first') while (i < start && !isStop(i)) i++;
    else while (i >= 0 && !isStop(i)) i--;
    if (i < 0 || i >= start) return null;
    if (edge === 'first' ? !win.jumpTo('first') : !win.revealAbove()) return null;
    return index.ids[i]!;
  }
  if (end === index.ids.length) return null;
  if (edge === 'last') {
    win.jumpTo('last');
    const newest = pending[pending.length - 1]?.clientMessageId;
    if (newest) return newest;
    let i = index.ids.length - 1;
    while (i >= 0 && !isStop(i)) i--;
    return i >= end ? index.ids[i]! : null;
  }
  let i = end;
  while (i < index.ids.length && !isStop(i)) i++;
  if (i >= index.ids.length || !win.revealBelow()) return null;
  return index.ids[i]!;
}

/**
 * Screen readers hear each new message from someone else as it arrives, and nothing else: not the
 * first page, not older pages, not my own sends. (A live region on the whole list would read out
 * every history page.)
 */
function NewMessageAnnouncer({ conversation: c }: { conversation: Conversation }) {
  const myId = useMe()?.id;
  const people = useAppSelector((s) => s.people.byId);
  const newest = useAppSelector((s) => lastMessage(s.conversation.messages[c.id]));
  const seen = useRef<number | null>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!newest) return;
    const previous = seen.current;
    seen.current = Math.max(previous ?? 0, newest.seq);
    if (previous === null || newest.seq <= previous || newest.senderId === myId || newest.kind !== 'text') return;
    setText(`${memberName(c, newest.senderId, myId, people)}: ${newest.text}`);
  }, [newest, myId, c, people]);
  return (
    <div className="visually-hidden" aria-live="polite" role="status">
      {text}
    </div>
  );
}
