/**
 * "Bea is typing…": re-renders when the earliest hint expires, so it disappears on time. The only
 * component that subscribes to `conversation.typing`, so a typing event re-renders nothing else.
 */
import { useEffect, useState } from 'react';
import type { Conversation } from '@backchannel/protocol';
import { useAppSelector } from '../../app/AppContext.js';
import { typingNamesIn } from './selectors.js';

export function TypingIndicator({ conversation }: { conversation: Conversation }) {
  const typing = useAppSelector((s) => s.conversation.typing[conversation.id]);
  const [now, setNow] = useState(() => Date.now());
  const live = Object.values(typing ?? {}).filter((t) => t > now);
  const nextExpiry = live.length > 0 ? Math.min(...live) : null;
  const names = typingNamesIn(typing, conversation, now);

  useEffect(() => {
    setNow(Date.now());
  }, [typing]);
  useEffect(() => {
    if (nextExpiry === null) return;
    const t = window.setTimeout(() => setNow(Date.now()), nextExpiry - Date.now() + 50);
    return () => window.clearTimeout(t);
  }, [nextExpiry]);

  const text = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
  return (
    <div className="typing" aria-live="polite" data-testid="typing">
      {text && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
