/**
 * Home: the audio app's hallway. Live rooms (features/rooms/HallwayRooms.tsx) with "Start a room",
 * or a friendly empty state, and the paper-plane button into Backchannel. On touch screens a
 * right-to-left swipe opens Backchannel too, like the original app.
 */
import { useRef, type TouchEvent } from 'react';
import { Avatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { ThemeToggle } from '../../components/ThemeToggle.js';
import { navigate, paths } from '../../lib/router.js';
import { useAppSelector, useMe } from '../../app/AppContext.js';
import { memoByRef } from '../../core/useSelector.js';
import { unreadConversations } from '../inbox/selectors.js';
import { HallwayRooms, InRoomBar, StartRoomButton, useHallwayRooms } from '../rooms/HallwayRooms.js';

const unreadOf = memoByRef(unreadConversations);

/** A swipe must travel this far, mostly horizontally, to count (so vertical scrolling never does). */
const SWIPE_MIN_PX = 70;

export function Hallway() {
  const me = useMe()!;
  // Requests notify quietly (PRODUCT.md §7): only unmuted inbox conversations count here.
  const unread = useAppSelector((s) => unreadOf(s.inbox.conversations));
  const start = useRef<{ x: number; y: number } | null>(null);
  const hallway = useHallwayRooms();

  const onTouchStart = (e: TouchEvent) => {
    const t = e.touches[0];
    start.current = t ? { x: t.clientX, y: t.clientY } : null;
  };
  const onTouchEnd = (e: TouchEvent) => {
    const t = e.changedTouches[0];
    const s = start.current;
    start.current = null;
    if (!t || !s) return;
    const dx = s.x - t.clientX;
    if (dx > SWIPE_MIN_PX && Math.abs(t.clientY - s.y) < dx / 2) navigate(paths.inbox());
  };

  return (
    <div className="screen hallway" onTouchStart={onTouchStart} onTouchEnd={onTouchEnd}>
      <header className="topbar hallway-bar">
        <Link className="icon-button" href={paths.search()} aria-label="Search people">
          <Icon name="search" />
        </Link>
        <h1 className="visually-hidden" tabIndex={-1} data-route-heading>
          Hallway
        </h1>
        <div className="topbar-actions">
          <ThemeToggle />
          <Link className="icon-button plane" href={paths.inbox()} aria-label={unread > 0 ? `Backchannel, ${unread} unread` : 'Backchannel'}>
            <Icon name="plane" size={24} />
            {unread > 0 && (
              <span className="dot-badge" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </Link>
          <Link className="avatar-link" href={paths.profile(me.username)} aria-label="Your profile">
            <Avatar id={me.id} name={me.displayName} size={36} />
          </Link>
        </div>
      </header>
      <main className="hallway-main">
        <InRoomBar />
        {hallway.rooms.length > 0 ? (
          <HallwayRooms rooms={hallway.rooms} next={hallway.next} />
        ) : (
          <section className="card hallway-empty">
            <div className="hallway-art" aria-hidden="true">
              <Icon name="plane" size={44} />
            </div>
            <h2>The hallway is quiet right now</h2>
            <p className="muted">
              {hallway.loaded ? 'No live rooms you can join. Start one, or catch up with people in Backchannel.' : 'Live rooms will show up here.'}
            </p>
            <div className="row center">
              <StartRoomButton />
              <Link className="button" href={paths.inbox()}>
                <Icon name="plane" size={18} /> Open Backchannel
              </Link>
              <Link className="button" href={paths.search()}>
                Find people
              </Link>
            </div>
            <p className="muted small swipe-hint">Tip: swipe left to open Backchannel.</p>
          </section>
        )}
      </main>
    </div>
  );
}
