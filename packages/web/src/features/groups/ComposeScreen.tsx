/** Start a chat: pick one person for a 1:1, or several (and an optional name) for a group. */
import { useState, type FormEvent } from 'react';
import { LIMITS, type UserSummary } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';
import { PersonRow } from '../../components/PersonRow.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { useUserSearch } from '../../components/useUserSearch.js';
import { navigate, paths } from '../../lib/router.js';
import { useController, useMe } from '../../app/AppContext.js';
import { directWith } from '../inbox/selectors.js';

export function ComposeScreen() {
  const controller = useController();
  const myId = useMe()?.id;
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<UserSummary[]>([]);
  const [title, setTitle] = useState('');
  const { results, searching } = useUserSearch(query);
  const candidates = results.filter((u) => u.id !== myId);
  const isGroup = picked.length > 1;
  const full = picked.length >= LIMITS.groupMembersDefault - 1;

  const start = useAction(async () => {
    const one = picked[0]!;
    if (!isGroup) {
      // A 1:1 starts with its first message (DraftConversation.tsx), so no empty chat is left behind.
      const existing = directWith(controller.store.getState(), one.id);
      navigate(existing ? paths.conversation(existing.id) : paths.draft(one.username), { replace: true });
      return;
    }
    const c = await controller.groups.createGroup(picked.map((p) => p.id), title.trim() || undefined);
    navigate(paths.conversation(c.id), { replace: true });
  });
  const toggle = (u: UserSummary) => setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : full ? p : [...p, u]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length > 0) void start.run();
  };

  return (
    <section className="pane detail-pane">
      <TopBar title="New message" back={{ href: paths.inbox(), label: 'Back to Backchannel' }} />
      <form className="compose stack pad" onSubmit={submit}>
        {picked.length > 0 && (
          <ul className="chips" aria-label="Selected people">
            {picked.map((u) => (
              <li key={u.id}>
                <button type="button" className="chip" onClick={() => toggle(u)} aria-label={`Remove ${u.displayName}`}>
                  {u.displayName} <Icon name="close" size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="field">
          <span>To</span>
          <input type="search" placeholder="Search by name or @username" value={query} onChange={(e) => setQuery(e.target.value)} data-route-focus="" aria-describedby="compose-hint" />
        </label>
        <p id="compose-hint" className="muted small">
          Pick one person for a private chat, or a few for a group (up to {LIMITS.groupMembersDefault}).
        </p>
        {isGroup && (
          <label className="field">
            <span>Group name (optional)</span>
            <input name="title" maxLength={LIMITS.titleMax} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
        )}
        <ul className="people" aria-label="Search results" aria-busy={searching}>
          {candidates.map((u) => {
            const on = picked.some((p) => p.id === u.id);
            return (
              <li key={u.id}>
                <button type="button" className={`person-button${on ? ' on' : ''}`} aria-pressed={on} onClick={() => toggle(u)} disabled={!on && full}>
                  <PersonRow user={u}>
                    <span className="check" aria-hidden="true">
                      {on && <Icon name="check" size={18} />}
                    </span>
                  </PersonRow>
                </button>
              </li>
            );
          })}
          {query.trim() !== '' && !searching && candidates.length === 0 && <li className="muted pad">No one found.</li>}
        </ul>
        {start.error && (
          <p className="error" role="alert">
            {start.error}
          </p>
        )}
        <div className="sticky-actions">
          <button type="submit" className="button primary big" disabled={picked.length === 0 || start.busy}>
            {isGroup ? `Start group with ${picked.length}` : picked[0] ? `Message ${picked[0].displayName}` : 'Pick someone'}
          </button>
        </div>
      </form>
    </section>
  );
}
