/**
 * Start a room: a title (up to 120 characters), an optional description, and who may come in —
 * everyone (open), people I follow (social), or only the people I invite (closed). The server
 * checks the same rules and answers with a stable code; the room page then opens, with me as host.
 */
import { useId, useState, type FormEvent } from 'react';
import { ROOM_LIMITS, type RoomVisibility } from '@backchannel/protocol';
import { PersonPickList, PickedChips, usePicked } from '../../components/PeoplePicker.js';
import { TopBar } from '../../components/TopBar.js';
import { useAction } from '../../components/useAsync.js';
import { useUserSearch } from '../../components/useUserSearch.js';
import { navigate, paths } from '../../lib/router.js';
import { useController, useMe } from '../../app/AppContext.js';
import './rooms.css';

const VISIBILITY: { value: RoomVisibility; label: string; hint: string }[] = [
  { value: 'open', label: 'Open', hint: 'Anyone can find it in the hallway and join.' },
  { value: 'social', label: 'Social', hint: 'People you follow can join.' },
  { value: 'closed', label: 'Closed', hint: 'Only the people you invite can join.' },
];

export function StartRoomScreen() {
  const controller = useController();
  const myId = useMe()?.id;
  const id = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<RoomVisibility>('open');
  const { picked: invited, toggle } = usePicked();
  const [query, setQuery] = useState('');
  const { results, searching } = useUserSearch(visibility === 'closed' ? query : '');
  const titleChars = [...title.trim()].length;
  const tooLong = titleChars > ROOM_LIMITS.titleMax;
  const needsInvitees = visibility === 'closed' && invited.length === 0;

  const start = useAction(async () => {
    const room = await controller.rooms.startRoom({
      title: title.trim(),
      description: description.trim(),
      visibility,
      invitedUserIds: invited.map((u) => u.id),
    });
    navigate(paths.room(room.id), { replace: true });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (titleChars > 0 && !tooLong && !needsInvitees && !start.busy) void start.run();
  };

  return (
    <div className="screen">
      <TopBar title="Start a room" back={{ href: paths.hallway(), label: 'Back to the hallway' }} />
      <main className="narrow">
        <form className="stack pad start-room" onSubmit={submit} noValidate>
          <label className="field">
            <span>Title</span>
            <input
              name="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              aria-invalid={tooLong}
              aria-describedby={`${id}-count`}
              data-route-focus=""
              autoComplete="off"
              placeholder="What will you talk about?"
            />
          </label>
          <p id={`${id}-count`} className={`muted small${tooLong ? ' error-text' : ''}`} aria-live="polite">
            {tooLong
              ? `${titleChars - ROOM_LIMITS.titleMax} characters too long (up to ${ROOM_LIMITS.titleMax})`
              : `${ROOM_LIMITS.titleMax - titleChars} characters left`}
          </p>
          <label className="field">
            <span>Description (optional)</span>
            <textarea name="description" rows={2} maxLength={ROOM_LIMITS.descriptionMax} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <fieldset className="field">
            <legend>Who can join</legend>
            {VISIBILITY.map((v) => (
              <label key={v.value} className="radio visibility">
                <input type="radio" name={`${id}-visibility`} value={v.value} checked={visibility === v.value} onChange={() => setVisibility(v.value)} />
                <span>
                  <strong>{v.label}</strong> <span className="muted small">{v.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {visibility === 'closed' && (
            <section className="stack" aria-labelledby={`${id}-invite`}>
              <h2 id={`${id}-invite`} className="small-heading">
                Invite people
              </h2>
              <PickedChips people={invited} label="Invited" onRemove={toggle} />
              <label className="field">
                <span>Search people</span>
                <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or @username" />
              </label>
              <PersonPickList results={results} picked={invited} myId={myId} searching={searching} onToggle={toggle} />
              {needsInvitees && <p className="muted small">Invite at least one person to a closed room.</p>}
            </section>
          )}
          {start.error && (
            <p className="error" role="alert">
              {start.error}
            </p>
          )}
          <div className="sticky-actions">
            <button type="submit" className="button primary big" disabled={titleChars === 0 || tooLong || needsInvitees || start.busy}>
              {start.busy ? 'Starting…' : 'Start the room'}
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}
