/**
 * The room chat's message box. Enter sends, Shift+Enter adds a line; up to 500 characters. A send
 * the room's rules refuse keeps its text in the box and says why; in slow mode it counts down the
 * seconds the server asked for (`retryAfterMs`) and sends nothing until then.
 */
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ROOM_LIMITS } from '@backchannel/protocol';
import { BackchannelError } from '@backchannel/sdk';
import { Icon } from '../../components/Icon.js';
import { describeError } from '../../core/describe.js';
import { useController } from '../../app/AppContext.js';

/** A sentence for a refused room send (codes: packages/protocol/src/errors.ts). */
export function describeRoomSendError(err: unknown): string {
  if (err instanceof BackchannelError) {
    switch (err.code) {
      case 'room_emoji_only':
        return 'This chat is emoji-only right now.';
      case 'room_followers_only':
        return 'Only people who follow the host can chat in this room.';
      case 'room_chat_off':
        return 'Chat is off in this room.';
      case 'room_chat_muted':
        return 'A moderator muted you in this chat.';
      case 'room_ended':
        return 'This room has ended.';
      case 'not_in_room':
        return 'You’re no longer in this room.';
      case 'too_large':
        return `A room chat message is at most ${ROOM_LIMITS.chatChars} characters.`;
    }
  }
  return describeError(err);
}

/** Re-renders every 250 ms until `until` (ms) has passed; returns the whole seconds left. */
function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function ChatComposer({ roomId, takesFocus }: { roomId: string; takesFocus: boolean }) {
  const controller = useController();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const left = useSecondsLeft(waitUntil);
  const waiting = waitUntil !== null && left > 0;
  const chars = [...text].length;
  const tooLong = chars > ROOM_LIMITS.chatChars;

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() === '' || tooLong || busy || waiting) return;
    setBusy(true);
    setError(null);
    const sent = text;
    setText('');
    controller.rooms.send(roomId, sent).then(
      () => {
        setBusy(false);
        setWaitUntil(null);
      },
      (err: unknown) => {
        setBusy(false);
        setText((now) => (now === '' ? sent : now));
        if (err instanceof BackchannelError && err.code === 'room_slow_mode') {
          setWaitUntil(Date.now() + (err.retryAfterMs ?? 1000));
          setError(null);
        } else setError(describeRoomSendError(err));
      },
    );
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) send(e);
  };

  return (
    <form className="composer room-composer" onSubmit={send}>
      {(waiting || error) && (
        <p className={`composer-note${error ? ' error-text' : ''}`} role="status">
          {waiting ? `Slow mode: you can send again in ${left} ${left === 1 ? 'second' : 'seconds'}.` : error}
        </p>
      )}
      <label className="visually-hidden" htmlFor={`room-composer-${roomId}`}>
        Chat message
      </label>
      <textarea
        id={`room-composer-${roomId}`}
        rows={1}
        value={text}
        placeholder="Say something to the room"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        aria-invalid={tooLong}
        data-route-focus={takesFocus ? '' : undefined}
      />
      {chars > ROOM_LIMITS.chatChars - 50 && (
        <span className={`counter${tooLong ? ' error-text' : ''}`} aria-live="polite">
          {ROOM_LIMITS.chatChars - chars}
        </span>
      )}
      <button
        type="submit"
        className="send-button"
        aria-label={waiting ? `Send (wait ${left} s)` : 'Send'}
        disabled={text.trim() === '' || tooLong || busy || waiting}
      >
        <Icon name="send" />
      </button>
    </form>
  );
}
