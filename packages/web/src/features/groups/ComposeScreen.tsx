/** Start a chat: pick one person for a 1:1, or several (and an optional name) for a group. */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@backchannel/protocol';
import { PersonPickList, PickedChips, usePicked } from '../../components/PeoplePicker.js';
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
  const { picked, toggle, full } = usePicked(LIMITS.groupMembersDefault - 1);
  const [title, setTitle] = useState('');
  const { results, searching } = useUserSearch(query);
  const isGroup = picked.length > 1;

  const start = useAction(async () => {
    const one = picked[0]!;
    if (!isGroup) {
      // A 1:1 starts with its first message (DraftConversation.tsx), so no empty chat is left behind.
      const existing = directWith(controller.store.getState(), one.id);
      navigate(existing ? paths.conversation(existing.id) : paths.draft(one.username), { replace: true });
      return;
    }
    const c = await controller.groups.createGroup(
      picked.map((p) => p.id),
      title.trim() || undefined,
    );
    navigate(paths.conversation(c.id), { replace: true });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length > 0) void start.run();
  };

  return (
    <section className="pane detail-pane">
      <TopBar title="New message" back={{ href: paths.inbox(), label: 'Back to Backchannel' }} />
      <form className="compose stack pad" onSubmit={submit}>
        <PickedChips people={picked} label="Selected people" onRemove={toggle} />
        <label className="field">
          <span>To</span>
          <input
            type="search"
            placeholder="Search by name or @username"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-route-focus=""
            aria-describedby="compose-hint"
          />
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
        <PersonPickList results={results} picked={picked} myId={myId} searching={searching} full={full} noneFound={query.trim() !== ''} onToggle={toggle} />
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
