/**
 * Privacy: who can message me (PRODUCT.md §2) and the people I blocked. The choice saves at once,
 * like a phone's settings, and says where messages from strangers go under each option.
 */
import { useEffect, useState } from 'react';
import type { Me, UserSummary } from '@backchannel/protocol';
import { PersonRow } from '../../components/PersonRow.js';
import { AccountData } from './AccountData.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { paths } from '../../lib/router.js';
import { describeError } from '../../core/describe.js';
import { useController, useMe } from '../../app/AppContext.js';

const WHO: { value: Me['whoCanMessage']; label: string; hint: string }[] = [
  { value: 'everyone', label: 'Everyone', hint: 'People you don’t follow land in Requests. They can’t tell whether you’ve read them.' },
  { value: 'rooms', label: 'People I follow and people from rooms I was in', hint: 'Someone you were in a room with in the last 30 days can send a request; nobody else new.' },
  { value: 'following', label: 'People I follow', hint: 'Nobody else can start a chat with you.' },
  { value: 'nobody', label: 'Nobody new', hint: 'Only the chats you already have. Even people you follow can’t start a new one.' },
];

/** "Show which room I'm in": the DM headers of the people I talk with ("speaking in <room> now"). */
function PresenceSetting() {
  const controller = useController();
  const [show, setShow] = useState<boolean | null>(null);
  useEffect(() => {
    controller.client.presenceSettings().then(
      (p) => setShow(p.showPresence),
      () => undefined,
    );
  }, [controller]);
  const save = useAction(async (on: boolean) => setShow((await controller.client.setPresenceSettings({ showPresence: on })).showPresence));
  return (
    <section className="card pad stack" aria-labelledby="presence-heading">
      <h2 className="section-title" id="presence-heading">
        Presence
      </h2>
      <label className="choice">
        <input type="checkbox" checked={show ?? true} disabled={show === null || save.busy} onChange={(e) => void save.run(e.target.checked)} />
        <span>
          <strong>Show which room I’m in</strong>
          <span className="muted small">People you chat with see “Speaking in …” or “Listening in …” with a tap to join. Never people whose request you haven’t accepted, never people you blocked.</span>
        </span>
      </label>
      {save.error && (
        <p className="error" role="alert">
          {save.error}
        </p>
      )}
    </section>
  );
}

export function PrivacySettings() {
  const controller = useController();
  const me = useMe()!;
  const [saved, setSaved] = useState(false);
  const save = useAction(async (who: Me['whoCanMessage']) => {
    setSaved(false);
    await controller.profile.updateMe({ whoCanMessage: who });
    setSaved(true);
  });
  return (
    <div className="screen">
      <TopBar title="Privacy" back={{ href: paths.profile(me.username), label: 'Back to your profile' }} />
      <main className="narrow pad stack privacy">
        <section className="card pad stack" aria-labelledby="who-heading">
          <fieldset className="field choices" disabled={save.busy}>
            <legend id="who-heading">
              <h2 className="section-title">Who can message me</h2>
            </legend>
            {WHO.map((w) => (
              <label key={w.value} className={`choice${me.whoCanMessage === w.value ? ' chosen' : ''}`}>
                <input type="radio" name="who" value={w.value} checked={me.whoCanMessage === w.value} onChange={() => void save.run(w.value)} />
                <span>
                  <strong>{w.label}</strong>
                  <span className="muted small">{w.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <p className="muted small status-line" role="status">
            {save.busy ? 'Saving…' : saved ? 'Saved.' : ''}
          </p>
          {save.error && (
            <p className="error" role="alert">
              {save.error}
            </p>
          )}
        </section>
        <PresenceSetting />
        <BlockedPeople />
        <AccountData />
      </main>
    </div>
  );
}

function BlockedPeople() {
  const controller = useController();
  const [people, setPeople] = useState<UserSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    controller.profile.blockedPeople().then(setPeople, (err: unknown) => setError(describeError(err)));
  }, [controller]);
  const unblock = useAction(async (id: string) => {
    await controller.profile.unblock(id);
    setPeople((list) => list?.filter((p) => p.id !== id) ?? null);
  });
  return (
    <section className="card pad stack" aria-labelledby="blocked-heading">
      <h2 id="blocked-heading" className="section-title">
        Blocked
      </h2>
      <p className="muted small">Blocked people can’t message you and aren’t told that you blocked them.</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {people === null && !error && <p className="muted small">Loading…</p>}
      {people?.length === 0 && <p className="muted small">You haven’t blocked anyone.</p>}
      {people && people.length > 0 && (
        <ul className="people" aria-label="Blocked people">
          {people.map((p) => (
            <li key={p.id} className="person-line">
              <PersonRow user={p}>
                <button type="button" className="button small" onClick={() => void unblock.run(p.id)} disabled={unblock.busy} aria-label={`Unblock ${p.displayName}`}>
                  Unblock
                </button>
              </PersonRow>
            </li>
          ))}
        </ul>
      )}
      {unblock.error && (
        <p className="error" role="alert">
          {unblock.error}
        </p>
      )}
    </section>
  );
}
