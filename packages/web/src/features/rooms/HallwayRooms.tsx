/**
 * The hallway's live rooms, as cards like the audio app's: the title, up to three people on the
 * stage (avatars and names), how many speak and listen, and how many people I follow are in it.
 * The server orders them for me (people I follow on stage first, then by size) and pages them.
 * Counts, stages and rooms starting or ending arrive live (`hallway.subscribe`, at most one update
 * a second); the list is also re-read every 60 s while the tab is visible, which refreshes the order
 * and "people you follow", and after every reconnect.
 */
import { useEffect } from 'react';
import type { HallwayRoom } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { useAction } from '../../components/useAsync.js';
import { paths } from '../../lib/router.js';
import { useAppSelector, useController } from '../../app/AppContext.js';
import { countLabel } from './selectors.js';
import './rooms.css';

const REFRESH_MS = 60_000;

export function useHallwayRooms() {
  const controller = useController();
  const hallway = useAppSelector((s) => s.rooms.hallway);
  useEffect(() => {
    const unwatch = controller.rooms.watchHallway();
    void controller.rooms.loadHallway().catch(() => undefined);
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible') void controller.rooms.loadHallway().catch(() => undefined);
    }, REFRESH_MS);
    return () => {
      window.clearInterval(t);
      unwatch();
    };
  }, [controller]);
  return hallway;
}

export function StartRoomButton() {
  const external = useAppSelector((s) => s.rooms.hallway.managedExternally === true);
  if (external) return <p className="muted small start-room-elsewhere">Rooms start in the audio app.</p>;
  return (
    <Link className="button primary start-room-button" href={paths.startRoom()}>
      <Icon name="plus" size={18} /> Start a room
    </Link>
  );
}

export function HallwayRooms({ rooms, next }: { rooms: readonly HallwayRoom[]; next: string | null }) {
  const controller = useController();
  const more = useAction(() => controller.rooms.loadHallway(true));
  return (
    <section className="hallway-rooms" aria-labelledby="hallway-rooms-heading">
      <div className="hallway-rooms-head">
        <h2 id="hallway-rooms-heading">Live now</h2>
        <StartRoomButton />
      </div>
      <ul className="room-cards">
        {rooms.map((r) => (
          <li key={r.id}>
            <RoomCard room={r} />
          </li>
        ))}
      </ul>
      {next && (
        <div className="row center">
          <button type="button" className="button" onClick={() => void more.run()} disabled={more.busy}>
            {more.busy ? 'Loading…' : 'More rooms'}
          </button>
        </div>
      )}
      {more.error && (
        <p className="error" role="alert">
          {more.error}
        </p>
      )}
    </section>
  );
}

function RoomCard({ room }: { room: HallwayRoom }) {
  const names = room.speakers.map((s) => s.displayName);
  return (
    <Link className="card room-card" href={paths.room(room.id)}>
      <span className="room-card-top">
        {room.visibility !== 'open' && (
          <span className="pill">
            {room.visibility === 'social' ? (
              'Social'
            ) : (
              <>
                <Icon name="lock" size={12} /> Closed
              </>
            )}
          </span>
        )}
        {room.followedCount > 0 && (
          <span className="room-followed">{countLabel(room.followedCount, 'person you follow is here', 'people you follow are here')}</span>
        )}
      </span>
      <h3 className="room-card-title">{room.title}</h3>
      <span className="room-card-body">
        <span className="room-card-faces" aria-hidden="true">
          {room.speakers.slice(0, 3).map((s) => (
            <Avatar key={s.id} id={s.id} name={s.displayName} size={44} />
          ))}
        </span>
        <span className="room-card-names">
          {names.length > 0 && <span className="room-card-speakers">{names.join(', ')}</span>}
          <span className="muted small">
            <Icon name="user" size={14} /> {countLabel(room.speakerCount, 'speaker', 'speakers')} · {countLabel(room.listenerCount, 'listener', 'listeners')}
          </span>
        </span>
      </span>
    </Link>
  );
}

/** A room I am in, while I look around elsewhere: back to it in one tap. */
export function InRoomBar() {
  const here = useAppSelector(
    (s) => {
      const v = Object.values(s.rooms.byId).find((x) => x.room.status === 'live' && x.room.me.role !== null && !x.removed);
      return v ? { id: v.room.id, title: v.room.title } : null;
    },
    (a, b) => a?.id === b?.id && a?.title === b?.title,
  );
  if (!here) return null;
  return (
    <Link className="card in-room-bar" href={paths.room(here.id)}>
      <span className="live-dot" aria-hidden="true" />
      <span className="in-room-text">
        <span className="muted small">You’re in</span> <strong>{here.title}</strong>
      </span>
      <span className="button small primary">Return</span>
    </Link>
  );
}
