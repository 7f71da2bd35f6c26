/**
 * The message box. Enter sends, Shift+Enter adds a line. Typing is announced at most every 3 s
 * (the server's indicator lasts a few seconds), and never for an empty box.
 */
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { useController } from '../../app/AppContext.js';

const TYPING_EVERY_MS = 3000;

/**
 * `takesFocus`: the box is where focus lands when the screen opens (App.tsx focuses
 * `[data-route-focus]` before falling back to the heading). `onSend` replaces the socket send (a
 * draft creates its conversation first); the text stays in the box until it resolves true.
 */
export function Composer({
  conversationId,
  placeholder,
  takesFocus = false,
  onSend,
}: {
  conversationId: string;
  placeholder: string;
  takesFocus?: boolean;
  onSend?: (text: string) => Promise<boolean>;
}) {
  const controller = useController();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const lastTyping = useRef(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const chars = [...text].length;
  const tooLong = chars > LIMITS.messageChars;

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() === '' || tooLong || busy) return;
    if (onSend) {
      setBusy(true);
      void onSend(text).then((sent) => {
        setBusy(false);
        if (sent) setText('');
      });
      return;
    }
    controller.conversation.send(conversationId, text);
    setText('');
    lastTyping.current = 0;
    box.current?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) send(e);
  };
  const onChange = (value: string) => {
    setText(value);
    const now = Date.now();
    if (!onSend && value.trim() !== '' && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      controller.conversation.typing(conversationId);
    }
  };

  return (
    <form className="composer" onSubmit={send}>
      <label className="visually-hidden" htmlFor={`composer-${conversationId}`}>
        Message
      </label>
      <textarea id={`composer-${conversationId}`} ref={box} rows={1} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} onKeyDown={onKey} aria-invalid={tooLong} data-route-focus={takesFocus ? '' : undefined} />
      {chars > LIMITS.messageChars - 200 && (
        <span className={`counter${tooLong ? ' error-text' : ''}`} aria-live="polite">
          {LIMITS.messageChars - chars}
        </span>
      )}
      <button type="submit" className="send-button" aria-label="Send" disabled={text.trim() === '' || tooLong || busy}>
        <Icon name="send" />
      </button>
    </form>
  );
}
