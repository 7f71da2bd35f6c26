/** "Bea is typing…": re-renders when the earliest hint expires, so it disappears on time. */
import { useEffect, useState } from 'react';
import type { Conversation } from '@backchannel/protocol';
import { useAppState } from '../../app/AppContext.js';
import { typingNames } from '../../lib/conversations.js';

export function TypingIndicator({ conversation }: { conversation: Conversation }) {
  const state = useAppState();
  const [now, setNow] = useState(() => Date.now());
  const live = Object.values(state.typing[conversation.id] ?? {}).filter((t) => t > now);
  const nextExpiry = live.length > 0 ? Math.min(...live) : null;
  const names = typingNames(state, conversation, now);

  useEffect(() => {
    setNow(Date.now());
  }, [state.typing]);
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
