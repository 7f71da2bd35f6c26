/**
 * One message. Text is rendered as React text nodes and <a> elements built from link entities;
 * never as HTML. Links open in a new tab without giving that tab a handle on ours.
 *
 * What a message shows besides its text comes from its own fields, live and after a reload alike:
 * a reply's quote (`replyTo`, a button that jumps to the original), the "edited" mark
 * (`editedAt`), a tombstone (`tombstone`: unsent or removed), and reactions under the bubble. Its
 * actions are two menus (WAI-ARIA menu buttons, reached with the arrow keys inside the list):
 * React (an emoji row, recent first) and More (reply, copy, edit, unsend, delete for me, keep for
 * reporting, report). Right-click or a long press opens More.
 */
import { memo, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import type { Message } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { LinkPreviewCard } from './LinkPreviewCard.js';
import { RoomLinkCard, roomLinksIn } from './RoomLinkCard.js';
import { Menu, type MenuItem } from '../../components/Menu.js';
import { segmentText } from '../../lib/links.js';
import { timeLabel } from '../../lib/time.js';
import { recentEmoji } from './recentEmoji.js';
import type { PendingMessage } from './state.js';

/** Where the bubble sits in a roving-tabindex list (useRovingList): its key, and whether it is the list's one tab stop. */
export interface ListNav {
  key: string;
  tabStop: boolean;
}

/** What the list lets a bubble do; one stable object for every bubble (the bubbles are memoised). */
export interface MessageActions {
  myId: string;
  /** The viewer moderates this group (may remove others' messages). */
  moderator: boolean;
  nameOf: (userId: string) => string;
  reply: (m: Message) => void;
  edit: (m: Message) => void;
  react: (m: Message, emoji: string, reacted: boolean) => void;
  unsend: (m: Message) => void;
  hide: (m: Message) => void;
  keep: (m: Message) => void;
  jumpTo: (seq: number) => void;
}

/** The client's copy of the server's windows (docs/subsystems/messages.md); the server decides. */
const EDIT_WINDOW_MS = 15 * 60_000;
const UNSEND_WINDOW_MS = 24 * 3600_000;
const LONG_PRESS_MS = 500;

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

const copy = (text: string) => void navigator.clipboard?.writeText(text).catch(() => undefined);

function tombstoneText(m: Message, mine: boolean): string {
  switch (m.tombstone?.by) {
    case 'operator':
      return 'Removed by a moderator';
    case 'moderator':
      return 'Removed by the group’s moderator';
    default:
      return mine ? 'You unsent a message' : 'Message unsent';
  }
}

function moreItems(m: Message, mine: boolean, a: MessageActions, onReport: ((m: Message) => void) | undefined, now: number): MenuItem[] {
  const age = now - Date.parse(m.createdAt);
  const items: MenuItem[] = [{ label: 'Reply', onSelect: () => a.reply(m) }, { label: 'Copy text', onSelect: () => copy(m.text) }];
  if (mine && age < EDIT_WINDOW_MS) items.push({ label: 'Edit', onSelect: () => a.edit(m) });
  if ((mine && age < UNSEND_WINDOW_MS) || (!mine && a.moderator)) items.push({ label: mine ? 'Unsend for everyone' : 'Remove for everyone', onSelect: () => a.unsend(m), danger: true });
  items.push({ label: 'Delete for me', onSelect: () => a.hide(m), danger: true });
  if (!mine) items.push({ label: 'Keep for reporting', onSelect: () => a.keep(m) });
  if (onReport) items.push({ label: 'Report', onSelect: () => onReport(m), danger: true });
  return items;
}

function Quote({ m, actions, inList }: { m: Message; actions?: MessageActions | undefined; inList: boolean }) {
  const q = m.replyTo;
  if (!q) return null;
  const who = actions ? (q.senderId === actions.myId ? 'You' : actions.nameOf(q.senderId)) : '';
  return (
    <button type="button" className="reply-quote" data-testid="reply-quote" tabIndex={inList ? -1 : undefined} onClick={() => actions?.jumpTo(q.seq)} aria-label={q.unavailable ? 'Reply to a message that is no longer available' : `Reply to ${who}: ${q.snippet}. Go to the message`}>
      {q.unavailable ? (
        <span className="muted">Message unavailable</span>
      ) : (
        <>
          <strong>{who}</strong> <span className="snippet">{q.snippet}</span>
        </>
      )}
    </button>
  );
}

function Reactions({ m, actions, inList }: { m: Message; actions: MessageActions; inList: boolean }) {
  if (m.reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label="Reactions">
      {m.reactions.map((r) => {
        const mine = r.userIds.includes(actions.myId);
        const who = r.userIds.map((u) => (u === actions.myId ? 'you' : actions.nameOf(u))).join(', ');
        return (
          <li key={r.emoji}>
            <button type="button" className={`reaction${mine ? ' mine' : ''}`} aria-pressed={mine} title={who} tabIndex={inList ? -1 : undefined} aria-label={`${r.emoji} ${r.userIds.length}: ${who}. ${mine ? 'Take back' : 'React'}`} onClick={() => actions.react(m, r.emoji, !mine)}>
              {r.emoji} {r.userIds.length}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Right-click, or a long press on touch, opens the More menu (its button stays the keyboard's way). */
function usePressToOpen() {
  const timer = useRef<number | null>(null);
  const openMore = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('.msg-more > button')?.click();
  const cancel = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    onContextMenu: (e: MouseEvent<HTMLElement>) => {
      if ((e.target as HTMLElement).closest('a, [role="menu"]')) return;
      e.preventDefault();
      openMore(e.currentTarget);
    },
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (e.pointerType !== 'touch') return;
      const el = e.currentTarget;
      cancel();
      timer.current = window.setTimeout(() => openMore(el), LONG_PRESS_MS);
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onPointerMove: cancel,
  };
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
  onReport,
  onRemovePreviews,
  actions,
  nav,
}: {
  message: Message;
  mine: boolean;
  linksEnabled: boolean;
  seen: boolean;
  onReport?: ((message: Message) => void) | undefined;
  /** The sender's own message: removes its link previews for everyone. */
  onRemovePreviews?: ((message: Message) => void) | undefined;
  /** Absent where a message is only shown (a report's context): no menus, no reactions to toggle. */
  actions?: MessageActions | undefined;
  nav?: ListNav;
}) {
  const item = navProps(nav);
  const inList = nav !== undefined;
  const press = usePressToOpen();
  const [now] = useState(() => Date.now());
  if (message.tombstone) {
    return (
      <li className={`msg removed${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message" data-removed="true" {...item}>
        <div className="bubble tombstone">{tombstoneText(message, mine)}</div>
        <div className="msg-meta">
          <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        </div>
      </li>
    );
  }
  const control = inList ? -1 : undefined;
  return (
    <li className={`msg${mine ? ' mine' : ''}`} data-seq={message.seq} data-testid="message" {...item} {...(actions ? press : {})}>
      <Quote m={message} actions={actions} inList={inList} />
      <div className="bubble">
        <MessageText text={message.text} entities={message.entities} linksEnabled={linksEnabled} inList={inList} />
      </div>
      {linksEnabled && roomLinksIn(message).map((id) => <RoomLinkCard key={id} roomId={id} />)}
      {linksEnabled &&
        message.previews?.map((p) => <LinkPreviewCard key={p.url} preview={p} inList={inList} onRemove={onRemovePreviews ? () => onRemovePreviews(message) : undefined} />)}
      {actions && <Reactions m={message} actions={actions} inList={inList} />}
      <div className="msg-meta">
        <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
        {message.editedAt && (
          <span className="edited" title={`Edited ${timeLabel(message.editedAt)}`}>
            edited
          </span>
        )}
        {seen && <span className="seen">Seen</span>}
        {actions ? (
          <>
            <Menu label="React" className="msg-react emoji-row" tabIndex={control} items={recentEmoji().map((e) => ({ label: e, ariaLabel: `React with ${e}`, onSelect: () => actions.react(message, e, true) }))}>
              <span aria-hidden="true">☺</span>
            </Menu>
            <Menu label="More actions" className="msg-more" tabIndex={control} items={moreItems(message, mine, actions, onReport, now)}>
              <span aria-hidden="true">⋯</span>
            </Menu>
          </>
        ) : (
          <button type="button" className="msg-action" onClick={() => copy(message.text)} aria-label="Copy message" title="Copy" tabIndex={control}>
            <Icon name="copy" size={16} />
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
