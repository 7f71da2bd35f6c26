/**
 * The message box. Enter sends, Shift+Enter adds a line. Typing is announced at most every 3 s
 * (the server's indicator lasts a few seconds), and never for an empty box.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { describeError } from '../../core/describe.js';
import { memberName } from '../../lib/conversations.js';

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
  const [error, setError] = useState('');
  const composing = useAppSelector((s) => s.conversation.composing[conversationId]);
  const conversation = useAppSelector((s) => s.inbox.conversations[conversationId]);
  const people = useAppSelector((s) => s.people.byId);
  const myId = useMe()?.id ?? '';
  const editing = composing?.mode === 'edit' ? composing.message : null;
  // Editing starts from the message's text; leaving it (cancel, saved) empties the box.
  useEffect(() => {
    if (editing) setText(editing.text);
    if (composing) box.current?.focus();
  }, [editing, composing]);
  const cancel = () => {
    if (editing) setText('');
    setError('');
    controller.conversation.compose(conversationId, null);
  };
  const lastTyping = useRef(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const chars = [...text].length;
  const tooLong = chars > LIMITS.messageChars;

  const send = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() === '' || tooLong || busy) return;
    if (editing) {
      setBusy(true);
      controller.conversation.edit(editing, text).then(
        () => {
          setBusy(false);
          setText('');
          controller.conversation.compose(conversationId, null);
        },
        (err: unknown) => {
          setBusy(false);
          setError(describeError(err));
        },
      );
      return;
    }
    if (onSend) {
      setBusy(true);
      void onSend(text).then((sent) => {
        setBusy(false);
        if (sent) setText('');
      });
      return;
    }
    if (composing?.mode === 'reply') controller.conversation.send(conversationId, text, composing.message.id);
    else controller.conversation.send(conversationId, text);
    if (composing) controller.conversation.compose(conversationId, null);
    setText('');
    lastTyping.current = 0;
    box.current?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) send(e);
    else if (e.key === 'Escape' && composing) {
      e.preventDefault();
      cancel();
    }
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
    <form className={`composer${composing ? ' with-banner' : ''}`} onSubmit={send}>
      {composing && (
        <div className="compose-banner" data-testid="compose-banner">
          <span>
            {composing.mode === 'edit' ? (
              'Editing message'
            ) : (
              <>
                Replying to <strong>{composing.message.senderId === myId ? 'yourself' : conversation ? memberName(conversation, composing.message.senderId, undefined, people) : ''}</strong>: {[...composing.message.text].slice(0, 80).join('')}
              </>
            )}
          </span>
          {error && (
            <span className="error-text" role="alert">
              {error}
            </span>
          )}
          <button type="button" className="icon-button" aria-label={composing.mode === 'edit' ? 'Cancel editing' : 'Cancel reply'} onClick={cancel}>
            <Icon name="close" size={16} />
          </button>
        </div>
      )}
      <label className="visually-hidden" htmlFor={`composer-${conversationId}`}>
        Message
      </label>
      <textarea id={`composer-${conversationId}`} ref={box} rows={1} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} onKeyDown={onKey} aria-invalid={tooLong} data-route-focus={takesFocus ? '' : undefined} />
      {chars > LIMITS.messageChars - 200 && (
        <span className={`counter${tooLong ? ' error-text' : ''}`} aria-live="polite">
          {LIMITS.messageChars - chars}
        </span>
      )}
      <button type="submit" className="send-button" aria-label={editing ? 'Save edit' : 'Send'} disabled={text.trim() === '' || tooLong || busy}>
        <Icon name="send" />
      </button>
    </form>
  );
}
