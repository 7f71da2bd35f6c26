/**
 * The room chat panel: beside the stage on desktop, a sheet over it on phones (`open`). The mode
 * banner, the messages (one tab stop: arrows move, Right reaches a message's Delete / Report /
 * Mute, as in a conversation: useRovingList), then the box or why there is none (off, muted,
 * ended: read-only, removed). A message that mentions me is highlighted and says so to screen
 * readers. Deleting, muting and reporting are deliberate dialogs that typing cannot confirm.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RoomMessage, StageMember } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { ReportDialog } from '../../components/ReportDialog.js';
import { wrapTab } from '../../components/deliberate.js';
import { useAction } from '../../components/useAsync.js';
import { useController, useMe } from '../../app/AppContext.js';
import { useRovingList } from '../conversation/useRovingList.js';
import { ChatComposer } from './ChatComposer.js';
import { ChatSettings } from './ChatSettings.js';
import { DeliberateDialog } from './DeliberateDialog.js';
import { chatBlock, chatBlockSentence, isStaff, mentionsMe, modeSentence, roleLabel, segmentChat } from './selectors.js';
import { MuteChoice } from './Stage.js';
import type { PendingRoomMessage, RoomView } from './state.js';

/** The width below which the chat is a sheet (rooms.css). */
const isPhoneWidth = () => typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 899px)').matches;

const TABBABLE = 'button:not([disabled]), textarea, input:not([disabled]), select, a[href], [tabindex="0"]';

function trapTab(e: KeyboardEvent<HTMLElement>, box: HTMLElement | null) {
  wrapTab(e, [...(box?.querySelectorAll<HTMLElement>(TABBABLE) ?? [])].filter((el) => el.offsetParent !== null || el === document.activeElement));
}

type Ask = { kind: 'delete' | 'report' | 'mute'; message: RoomMessage } | null;

export function RoomChat({ view, open, onClose }: { view: RoomView; open: boolean; onClose: () => void }) {
  const controller = useController();
  const me = useMe();
  const { room } = view;
  const staff = isStaff(room.me.role) && room.status === 'live';
  const [settings, setSettings] = useState(false);
  const [ask, setAsk] = useState<Ask>(null);
  const [minutes, setMinutes] = useState<number | null>(15);
  const block = chatBlock(room, view.removed, Date.now());
  const older = useAction(() => controller.rooms.loadOlder(room.id));
  const roles = new Map(room.stage.map((s) => [s.user.id, s.role] as const));
  const sheet = useRef<HTMLElement>(null);

  // On a phone the open sheet is a modal dialog: focus moves into it (the box, else its heading),
  // Tab stays inside, Escape closes it (RoomScreen then returns focus to the Chat button).
  const modal = open && isPhoneWidth();
  useEffect(() => {
    if (!open) return;
    (sheet.current?.querySelector<HTMLElement>('textarea') ?? sheet.current?.querySelector<HTMLElement>('h2'))?.focus();
  }, [open]);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!open || e.defaultPrevented) return;
    if (e.key === 'Escape') onClose();
    else if (e.key === 'Tab' && modal) trapTab(e, sheet.current);
  };

  const onAction = useCallback((kind: 'delete' | 'report' | 'mute', message: RoomMessage) => setAsk({ kind, message }), []);

  return (
    <section
      ref={sheet}
      className={`room-chat card${open ? ' open' : ''}`}
      aria-labelledby="room-chat-heading"
      role={modal ? 'dialog' : undefined}
      aria-modal={modal ? true : undefined}
      onKeyDown={onKeyDown}
    >
      <header className="room-chat-head">
        <h2 id="room-chat-heading" tabIndex={-1}>
          Chat
        </h2>
        {staff && (
          <button type="button" className="button small" aria-expanded={settings} onClick={() => setSettings((s) => !s)}>
            <Icon name="gear" size={16} /> Chat settings
          </button>
        )}
        <button type="button" className="icon-button chat-close" aria-label="Close chat" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      {room.status === 'live' && (
        <p className={`chat-banner${room.chat.enabled ? '' : ' off'}`} role="status">
          {room.chat.enabled ? modeSentence(room.chat) : 'Chat is off'}
        </p>
      )}
      {room.status === 'ended' && (
        <p className="chat-banner ended" role="status">
          Read-only: this room has ended
        </p>
      )}
      {staff && settings && <ChatSettings roomId={room.id} chat={room.chat} />}
      <ChatLog view={view} meId={me?.id} staff={staff} roles={roles} onAction={onAction} onOlder={() => void older.run()} olderBusy={older.busy} />
      {block ? (
        <p className="chat-state" role="status">
          {chatBlockSentence(block, Date.now())}
        </p>
      ) : (
        <ChatComposer roomId={room.id} takesFocus={false} />
      )}
      {ask?.kind === 'delete' && (
        <DeliberateDialog
          title="Delete this message?"
          action="Delete message"
          onConfirm={() => controller.rooms.deleteMessage(room.id, ask.message.id)}
          onClose={() => setAsk(null)}
        >
          <blockquote className="quoted">{ask.message.text}</blockquote>
          <p className="muted small">
            {ask.message.sender.id === me?.id
              ? 'It disappears for everyone in the room.'
              : 'It disappears for everyone; the chat shows that a moderator removed it.'}
          </p>
        </DeliberateDialog>
      )}
      {ask?.kind === 'mute' && (
        <DeliberateDialog
          title={`Mute ${ask.message.sender.displayName} in the chat?`}
          action="Mute"
          onConfirm={() => controller.rooms.mute(room.id, ask.message.sender.id, minutes)}
          onClose={() => setAsk(null)}
        >
          <MuteChoice minutes={minutes} onChange={setMinutes} />
        </DeliberateDialog>
      )}
      {ask?.kind === 'report' && (
        <ReportDialog
          title={`Report ${ask.message.sender.displayName}’s message`}
          seen="the message, the room it was in and the chat around it"
          blocks="offer"
          onSubmit={(choice) => controller.rooms.reportMessage(room.id, ask.message, choice)}
          onWithdraw={(id) => controller.rooms.withdrawReport(id)}
          onClose={() => setAsk(null)}
        />
      )}
    </section>
  );
}

/** Stays at the newest message while the reader is there; keeps the reading position otherwise. */
function ChatLog({
  view,
  meId,
  staff,
  roles,
  onAction,
  onOlder,
  olderBusy,
}: {
  view: RoomView;
  meId: string | undefined;
  staff: boolean;
  roles: Map<string, StageMember['role']>;
  onAction: (kind: 'delete' | 'report' | 'mute', m: RoomMessage) => void;
  onOlder: () => void;
  olderBusy: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keys = view.messages.map((m) => m.id);
  const roving = useRovingList(keys);
  const count = view.messages.length + view.pending.length;
  const live = view.room.status === 'live';

  useLayoutEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);

  return (
    <div
      ref={box}
      className="chat-log"
      role="log"
      aria-label="Room chat messages"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {view.hasMore && (
        <div className="history-top">
          <button type="button" className="button small" onClick={onOlder} disabled={olderBusy}>
            {olderBusy ? 'Loading…' : 'Earlier messages'}
          </button>
        </div>
      )}
      {view.historyLoaded && view.messages.length === 0 && view.pending.length === 0 && <p className="muted small chat-empty">No messages yet.</p>}
      <ol className="chat-messages" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
        {view.messages.map((m) => (
          <ChatMessage
            key={m.id}
            message={m}
            mine={m.sender.id === meId}
            mentioned={mentionsMe(m, meId)}
            meId={meId}
            role={roles.get(m.sender.id) ?? null}
            canModerate={live && staff}
            canAct={live}
            tabStop={roving.current === m.id}
            onAction={onAction}
          />
        ))}
        {view.pending.map((p) => (
          <PendingMessage key={p.clientMessageId} pending={p} />
        ))}
      </ol>
    </div>
  );
}

const ChatMessage = memo(function ChatMessage({
  message,
  mine,
  mentioned,
  meId,
  role,
  canModerate,
  canAct,
  tabStop,
  onAction,
}: {
  message: RoomMessage;
  mine: boolean;
  mentioned: boolean;
  meId: string | undefined;
  role: StageMember['role'] | null;
  canModerate: boolean;
  canAct: boolean;
  tabStop: boolean;
  onAction: (kind: 'delete' | 'report' | 'mute', m: RoomMessage) => void;
}) {
  const deleted = message.deleted !== null;
  const canDelete = canAct && !deleted && (mine || canModerate);
  const canReport = !deleted && !mine;
  const canMute = canModerate && !mine && !deleted && role !== 'host';
  return (
    <li className={`chat-msg${mentioned ? ' mentions-me' : ''}${deleted ? ' deleted' : ''}`} data-nav-key={message.id} tabIndex={tabStop ? 0 : -1}>
      <Avatar id={message.sender.id} name={message.sender.displayName} size={30} />
      <div className="chat-msg-body">
        <span className="chat-msg-sender">
          {mine ? 'You' : message.sender.displayName}
          {role && role !== 'listener' && role !== 'speaker' && <span className={`pill role-${role}`}>{roleLabel(role)}</span>}
          {mentioned && <span className="visually-hidden">, mentions you</span>}
        </span>
        {deleted ? (
          <span className="chat-msg-text tombstone">{message.deleted === 'moderator' ? 'Removed by a moderator' : 'Message deleted'}</span>
        ) : (
          <span className="chat-msg-text">
            {segmentChat(message.text, message.entities).map((s, i) =>
              s.kind === 'link' ? (
                <a key={i} href={s.href} target="_blank" rel="noopener noreferrer" tabIndex={-1}>
                  {s.text}
                </a>
              ) : s.kind === 'mention' ? (
                <mark key={i} className={`mention${s.userId === meId ? ' me' : ''}`}>
                  {s.text}
                </mark>
              ) : (
                <span key={i}>{s.text}</span>
              ),
            )}
          </span>
        )}
      </div>
      {(canDelete || canReport || canMute) && (
        <span className="chat-msg-actions">
          {canDelete && (
            <button
              type="button"
              className="msg-action"
              tabIndex={-1}
              onClick={() => onAction('delete', message)}
              aria-label={mine ? 'Delete your message' : `Delete ${message.sender.displayName}’s message`}
            >
              Delete
            </button>
          )}
          {canMute && (
            <button
              type="button"
              className="msg-action"
              tabIndex={-1}
              onClick={() => onAction('mute', message)}
              aria-label={`Mute ${message.sender.displayName} in the chat`}
            >
              Mute
            </button>
          )}
          {canReport && (
            <button
              type="button"
              className="msg-action"
              tabIndex={-1}
              onClick={() => onAction('report', message)}
              aria-label={`Report ${message.sender.displayName}’s message`}
            >
              <Icon name="flag" size={14} /> Report
            </button>
          )}
        </span>
      )}
    </li>
  );
});

function PendingMessage({ pending }: { pending: PendingRoomMessage }) {
  return (
    <li className="chat-msg pending">
      <span className="chat-msg-body">
        <span className="chat-msg-sender">You</span>
        <span className="chat-msg-text">{pending.text}</span>
        <span className="muted small">Sending…</span>
      </span>
    </li>
  );
}
