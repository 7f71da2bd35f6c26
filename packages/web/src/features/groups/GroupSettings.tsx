/** Group settings: rename and manage members (moderator only, as the server enforces), leave. */
import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS, type Conversation, type UserSummary } from '@backchannel/protocol';
import { PersonRow } from '../../components/PersonRow.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { useUserSearch } from '../../components/useUserSearch.js';
import { navigate, paths } from '../../lib/router.js';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { conversationTitle } from '../../lib/conversations.js';

export function GroupSettings({ id }: { id: string }) {
  const c = useAppSelector((s) => s.inbox.conversations[id]);
  const myId = useMe()?.id ?? '';
  if (!c || c.kind !== 'group') {
    return (
      <section className="pane detail-pane">
        <TopBar title="Group settings" back={{ href: paths.inbox(), label: 'Back to Backchannel' }} />
        <p className="pad muted">This group isn’t available.</p>
      </section>
    );
  }
  const isModerator = c.moderatorId === myId;
  return (
    <section className="pane detail-pane">
      <TopBar title="Group settings" back={{ href: paths.conversation(c.id), label: 'Back to the conversation' }} />
      <div className="pad stack settings">
        {isModerator ? <RenameForm conversation={c} /> : <h2 className="group-name">{conversationTitle(c, myId)}</h2>}
        <Members conversation={c} myId={myId} isModerator={isModerator} />
        {isModerator && <AddMembers conversation={c} />}
        <LeaveGroup conversation={c} />
      </div>
    </section>
  );
}

function RenameForm({ conversation: c }: { conversation: Conversation }) {
  const controller = useController();
  const [title, setTitle] = useState(c.title ?? '');
  // Said in a live region that exists from the start, so screen readers announce the change.
  const [saved, setSaved] = useState('');
  const rename = useAction(async () => {
    setSaved('');
    const renamed = await controller.groups.renameGroup(c.id, title.trim());
    setSaved(`Group renamed to “${renamed.title ?? title.trim()}”.`);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void rename.run();
  };
  return (
    <form className="card stack pad" onSubmit={submit}>
      <label className="field">
        <span>Group name</span>
        <input name="title" required maxLength={LIMITS.titleMax} value={title} onChange={(e) => {
            setTitle(e.target.value);
            setSaved('');
          }} />
      </label>
      <p className="saved" role="status">
        {saved}
      </p>
      {rename.error && (
        <p className="error" role="alert">
          {rename.error}
        </p>
      )}
      <button className="button primary" type="submit" disabled={rename.busy || title.trim() === '' || title.trim() === c.title}>
        Save name
      </button>
    </form>
  );
}

/**
 * Everyone the group lists. A conversation carries only the first few people (`members`) and the
 * count; when there are more, they are paged from the server, again whenever the group changes.
 */
function useMemberList(c: Conversation): { members: UserSummary[]; more: (() => void) | null } {
  const controller = useController();
  const complete = c.members.length >= c.memberCount;
  const [pages, setPages] = useState<{ of: Conversation; members: UserSummary[]; next: string | null } | null>(null);
  useEffect(() => {
    if (complete) return;
    let live = true;
    void controller.groups.listMembers(c.id).then((p) => live && setPages({ of: c, members: p.members, next: p.next }), () => undefined);
    return () => {
      live = false;
    };
  }, [c, complete, controller]);
  if (complete || !pages || pages.of !== c) return { members: c.members, more: null };
  const next = pages.next;
  const more = next === null ? null : () => void controller.groups.listMembers(c.id, next).then((p) => setPages((s) => (s && s.of === c ? { of: c, members: [...s.members, ...p.members], next: p.next } : s)), () => undefined);
  return { members: pages.members, more };
}

function Members({ conversation: c, myId, isModerator }: { conversation: Conversation; myId: string; isModerator: boolean }) {
  const controller = useController();
  const remove = useAction((userId: string) => controller.groups.removeMember(c.id, userId));
  const { members, more } = useMemberList(c);
  return (
    <section className="card pad">
      <h2 className="section-title">
        Members <span className="muted">({c.memberCount})</span>
      </h2>
      <ul className="people">
        {members.map((m) => (
          <li key={m.id} className="person-line">
            <PersonRow user={m}>
              {m.id === c.moderatorId && <span className="pill">Moderator</span>}
              {isModerator && m.id !== myId && (
                <button type="button" className="button small" onClick={() => void remove.run(m.id)} aria-label={`Remove ${m.displayName}`}>
                  Remove
                </button>
              )}
            </PersonRow>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" className="button small" onClick={more}>
          Show more members
        </button>
      )}
      {remove.error && (
        <p className="error" role="alert">
          {remove.error}
        </p>
      )}
    </section>
  );
}

function AddMembers({ conversation: c }: { conversation: Conversation }) {
  const controller = useController();
  const [query, setQuery] = useState('');
  const { results } = useUserSearch(query);
  const add = useAction(async (userId: string) => {
    await controller.groups.addMembers(c.id, [userId]);
    setQuery('');
  });
  // Someone already in the group who is not among the first few is refused as a no-op by the server.
  const candidates = results.filter((u) => !c.members.some((m) => m.id === u.id));
  return (
    <section className="card pad stack">
      <label className="field">
        <span>Add people</span>
        <input type="search" placeholder="Search by name or @username" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <ul className="people" aria-label="People to add">
        {candidates.map((u) => (
          <li key={u.id} className="person-line">
            <PersonRow user={u}>
              <button type="button" className="button small primary" onClick={() => void add.run(u.id)} aria-label={`Add ${u.displayName}`}>
                Add
              </button>
            </PersonRow>
          </li>
        ))}
      </ul>
      {add.error && (
        <p className="error" role="alert">
          {add.error}
        </p>
      )}
    </section>
  );
}

function LeaveGroup({ conversation: c }: { conversation: Conversation }) {
  const controller = useController();
  const [confirming, setConfirming] = useState(false);
  const leave = useAction(async () => {
    await controller.groups.leave(c.id);
    navigate(paths.inbox(), { replace: true });
  });
  return (
    <section className="card pad stack">
      {confirming ? (
        <div role="alertdialog" aria-labelledby="leave-q" className="stack" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <p id="leave-q">Leave this group? You won’t get its messages any more.</p>
          <div className="row">
            <button type="button" className="button danger" onClick={() => void leave.run()} disabled={leave.busy} autoFocus>
              Leave group
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button danger-outline" onClick={() => setConfirming(true)}>
          Leave group
        </button>
      )}
      {leave.error && (
        <p className="error" role="alert">
          {leave.error}
        </p>
      )}
    </section>
  );
}
