/**
 * The stage (host, moderators, speakers: badges, "speaking" when the audio integration reports it,
 * "Blocked" for people I blocked), the raised hands (host and moderators only) and the audience
 * (listeners, paged: a big room is never loaded whole). Each person's menu holds what I may do to
 * them: a moderator acts on listeners and speakers, the host on everyone but themselves. When the
 * audio service runs the room, role changes happen there: only chat mutes and removal are offered.
 */
import { useState } from 'react';
import type { RoomRole, UserSummary } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Menu, type MenuItem } from '../../components/Menu.js';
import { useAction } from '../../components/useAsync.js';
import { useController, useMe } from '../../app/AppContext.js';
import { navigate, paths } from '../../lib/router.js';
import { DeliberateDialog } from './DeliberateDialog.js';
import { countLabel, isStaff, roleLabel } from './selectors.js';
import type { RoomView } from './state.js';

type Pending = { kind: 'remove' | 'mute'; user: UserSummary } | null;

/** What I (role `mine`) may do to someone with `theirs`, as menu items. */
function usePersonActions(view: RoomView, setPending: (p: Pending) => void, setError: (e: string | null) => void) {
  const controller = useController();
  const me = useMe();
  const roomId = view.room.id;
  const act = useAction(async (fn: () => Promise<void>) => fn());
  return (user: UserSummary, theirs: RoomRole): MenuItem[] => {
    const mine = view.room.me.role;
    // Anyone in the room may message anyone else in it: a request then says "from <room>".
    const message: MenuItem[] = user.id !== me?.id && mine !== null ? [{ label: 'Message', onSelect: () => navigate(`${paths.draft(user.username)}?room=${encodeURIComponent(roomId)}`) }] : [];
    if (!isStaff(mine) || theirs === 'host' || (theirs === 'moderator' && mine !== 'host')) return message;
    const run = (fn: () => Promise<void>) => () => {
      setError(null);
      void act.run(fn).then((ok) => !ok && setError('That didn’t work. Please try again.'));
    };
    const items: MenuItem[] = [];
    const hand = view.hands[user.id];
    const roles = view.room.managedExternally !== true;
    if (roles && theirs === 'listener' && !hand?.invitedToSpeak)
      items.push({ label: 'Invite to speak', onSelect: run(() => controller.rooms.inviteToSpeak(roomId, user.id)) });
    if (roles && (theirs === 'speaker' || theirs === 'moderator'))
      items.push({ label: 'Move to audience', onSelect: run(() => controller.rooms.moveToAudience(roomId, user.id)) });
    if (roles && mine === 'host' && theirs === 'speaker')
      items.push({ label: 'Make moderator', onSelect: run(() => controller.rooms.setModerator(roomId, user.id, true)) });
    if (roles && mine === 'host' && theirs === 'moderator')
      items.push({ label: 'Remove as moderator', onSelect: run(() => controller.rooms.setModerator(roomId, user.id, false)) });
    if (view.mutes[user.id]) items.push({ label: 'Unmute in chat', onSelect: run(() => controller.rooms.unmute(roomId, user.id)) });
    else items.push({ label: 'Mute in chat…', onSelect: () => setPending({ kind: 'mute', user }) });
    items.push({ label: 'Remove from room…', danger: true, onSelect: () => setPending({ kind: 'remove', user }) });
    return [...message, ...items];
  };
}

function Person({
  user,
  role,
  badge,
  speaking,
  blocked,
  hand,
  items,
}: {
  user: UserSummary;
  role: RoomRole;
  badge: boolean;
  speaking: boolean;
  blocked: boolean;
  hand: boolean;
  items: MenuItem[];
}) {
  const me = useMe();
  const name = user.id === me?.id ? `${user.displayName} (you)` : user.displayName;
  const size = role === 'listener' ? 56 : 72;
  return (
    <li className={`room-person${speaking ? ' speaking' : ''}`}>
      <span className="room-person-face">
        <Avatar id={user.id} name={user.displayName} size={size} />
        {hand && (
          <span className="hand" aria-hidden="true">
            ✋
          </span>
        )}
      </span>
      <span className="room-person-name">{name}</span>
      <span className="room-person-tags">
        {badge && role !== 'speaker' && role !== 'listener' && <span className={`pill role-${role}`}>{roleLabel(role)}</span>}
        {speaking && <span className="pill speaking-pill">Speaking</span>}
        {blocked && <span className="pill blocked-pill">Blocked</span>}
        {hand && <span className="visually-hidden">Hand raised</span>}
      </span>
      {items.length > 0 && (
        <Menu label={`Actions for ${user.displayName}`} items={items}>
          <span aria-hidden="true" className="dots">
            •••
          </span>
        </Menu>
      )}
    </li>
  );
}

export function StageAndAudience({ view }: { view: RoomView }) {
  const controller = useController();
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | null>(15);
  const actions = usePersonActions(view, setPending, setError);
  const more = useAction(() => controller.rooms.loadAudience(view.room.id, true));
  const { room } = view;
  const onStage = new Set(room.stage.map((s) => s.user.id));
  const listeners = view.audience.people.filter((p) => p.role === 'listener' && !onStage.has(p.user.id));
  const hands = Object.values(view.hands);
  const live = room.status === 'live';

  return (
    <>
      <section className="room-section" aria-labelledby="stage-heading">
        <h2 id="stage-heading" className="room-section-heading">
          On stage <span className="muted small">{countLabel(room.stage.length, 'person', 'people')}</span>
        </h2>
        {room.stage.length === 0 ? (
          <p className="muted">{live ? 'Nobody is on the stage right now.' : 'The stage is empty: this room has ended.'}</p>
        ) : (
          <ul className="room-people stage">
            {room.stage.map((s) => (
              <Person
                key={s.user.id}
                user={s.user}
                role={s.role}
                badge
                speaking={s.speaking}
                blocked={s.blockedByMe}
                hand={false}
                items={live ? actions(s.user, s.role) : []}
              />
            ))}
          </ul>
        )}
      </section>
      {error && (
        <p className="error pad" role="alert">
          {error}
        </p>
      )}
      {live && isStaff(room.me.role) && hands.length > 0 && (
        <section className="room-section hands" aria-labelledby="hands-heading">
          <h2 id="hands-heading" className="room-section-heading">
            Raised hands <span className="badge">{hands.filter((h) => h.handRaised).length}</span>
          </h2>
          <ul className="people">
            {hands.map((h) => (
              <li key={h.user.id} className="hand-row">
                <Avatar id={h.user.id} name={h.user.displayName} size={36} />
                <span className="hand-name">
                  {h.user.displayName}{' '}
                  {h.handRaised && (
                    <span role="img" aria-label="hand raised">
                      ✋
                    </span>
                  )}
                </span>
                {h.invitedToSpeak ? (
                  <span className="muted small">Invited</span>
                ) : room.managedExternally ? (
                  <span className="muted small">Invite them up in the audio app</span>
                ) : (
                  <>
                    {h.declined && <span className="muted small">Declined</span>}
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => void controller.rooms.inviteToSpeak(room.id, h.user.id).catch(() => setError('That didn’t work. Please try again.'))}
                    >
                      Invite {h.user.displayName} to speak
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {live && (
        <section className="room-section" aria-labelledby="audience-heading">
          <h2 id="audience-heading" className="room-section-heading">
            Listening <span className="muted small">{countLabel(room.listenerCount, 'person', 'people')}</span>
          </h2>
          {listeners.length === 0 ? (
            <p className="muted">{view.audience.loaded ? 'No listeners yet.' : 'Loading…'}</p>
          ) : (
            <ul className="room-people audience">
              {listeners.map((p) => (
                <Person
                  key={p.user.id}
                  user={p.user}
                  role="listener"
                  badge={false}
                  speaking={false}
                  blocked={false}
                  hand={view.hands[p.user.id]?.handRaised ?? p.handRaised}
                  items={actions(p.user, 'listener')}
                />
              ))}
            </ul>
          )}
          {view.audience.next && (
            <div className="row center">
              <button type="button" className="button small" onClick={() => void more.run()} disabled={more.busy}>
                {more.busy ? 'Loading…' : 'Show more listeners'}
              </button>
            </div>
          )}
        </section>
      )}
      {pending?.kind === 'remove' && (
        <DeliberateDialog
          title={`Remove ${pending.user.displayName} from this room?`}
          action="Remove from room"
          onConfirm={() => controller.rooms.remove(room.id, pending.user.id)}
          onClose={() => setPending(null)}
        >
          <p className="muted">They leave the room now and can’t join it again.</p>
        </DeliberateDialog>
      )}
      {pending?.kind === 'mute' && (
        <DeliberateDialog
          title={`Mute ${pending.user.displayName} in the chat?`}
          action="Mute"
          onConfirm={() => controller.rooms.mute(room.id, pending.user.id, minutes)}
          onClose={() => setPending(null)}
        >
          <MuteChoice minutes={minutes} onChange={setMinutes} />
        </DeliberateDialog>
      )}
    </>
  );
}

const MUTE_CHOICES: { minutes: number | null; label: string }[] = [
  { minutes: 5, label: '5 minutes' },
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: null, label: 'For the rest of the room' },
];

export function MuteChoice({ minutes, onChange }: { minutes: number | null; onChange: (m: number | null) => void }) {
  return (
    <fieldset className="field">
      <legend>For how long?</legend>
      {MUTE_CHOICES.map((c) => (
        <label key={c.label} className="radio">
          <input type="radio" name="mute-minutes" checked={minutes === c.minutes} onChange={() => onChange(c.minutes)} /> {c.label}
        </label>
      ))}
      <span className="muted small">They can still listen. They won’t be told who muted them.</span>
    </fieldset>
  );
}
