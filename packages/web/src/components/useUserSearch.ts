/** Debounced people search; stale answers (an older query finishing last) are dropped. */
import { useEffect, useRef, useState } from 'react';
import type { UserSummary } from '@backchannel/protocol';
import { useController } from '../app/AppContext.js';

export function useUserSearch(query: string, delayMs = 200): { results: UserSummary[]; searching: boolean } {
  const controller = useController();
  const [results, setResults] = useState<UserSummary[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q === '') {
      setResults([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    const t = window.setTimeout(() => {
      controller.client.searchUsers(q, { limit: 20 }).then(
        (users) => ticket === latest.current && (setResults(users), setSearching(false)),
        () => ticket === latest.current && (setResults([]), setSearching(false)),
      );
    }, delayMs);
    return () => window.clearTimeout(t);
  }, [controller, query, delayMs]);

  return { results, searching };
}
