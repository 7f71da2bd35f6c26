/**
 * A room: the stage and the audience, my controls (raise or lower my hand, accept an invitation to
 * speak, step down, leave), the host's (end the room) and the chat (RoomChat.tsx) — beside the stage
 * from 900 px, a sheet on phones. Opening the page joins the room (or shows an ended room read-only:
 * its replay); going elsewhere keeps me in it (the hallway shows "You're in …"); Leave leaves.
 * When the platform's audio service runs the room (`managedExternally`), the controls it owns
 * (end, leave, step down, role changes) are not offered, and a note says where they are.
 * On phones the Chat button counts messages that arrived while the chat sheet was closed.
 */
import { useEffect, useRef, useState } from 'react';
import { BackchannelError } from '@backchannel/sdk';
import { ConnectionBanner } from '../../components/ConnectionBanner.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { useAction } from '../../components/useAsync.js';
import { describeError } from '../../core/describe.js';
import { navigate, paths } from '../../lib/router.js';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { DeliberateDialog } from './DeliberateDialog.js';
import { QaPanel } from '../questions/QaPanel.js';
import { BackstagePanel, useBackstage } from './BackstagePanel.js';
import { RoomChat } from './RoomChat.js';
import { StageAndAudience } from './Stage.js';
import { countLabel } from './selectors.js';
import type { RoomView } from './state.js';
import './rooms.css';

export function RoomScreen({ id }: { id: string }) {
  const controller = useController();
  const view = useAppSelector((s) => s.rooms.byId[id]);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    controller.rooms.enter(id).catch((err: unknown) => {
      if (gone) return;
      const hidden = err instanceof BackchannelError && err.code === 'not_found';
      setFailure(hidden ? 'This room isn’t here. It may have ended, or it isn’t open to you.' : describeError(err));
    });
    return () => {
      gone = true;
    };
  }, [controller, id]);

  if (!view) {
    return (
      <div className="screen room-screen">
        <RoomBar title={failure ? 'Room not found' : 'Joining the room…'} />
        <main className="narrow pad">
          {failure ? (
            <div className="stack">
              <p role="alert">{failure}</p>
              <Link className="button" href={paths.hallway()}>
                Back to the hallway
              </Link>
            </div>
          ) : (
            <p className="muted" role="status">
              Joining…
            </p>
          )}
        </main>
      </div>
    );
  }
  return <Room view={view} />;
}

/**
 * Messages from others that arrived while the chat sheet was closed (client-side only: the server
 * keeps no per-listener chat state). Opening the chat reads them; the count starts at zero when
 * the room opens, so the backlog does not count.
 */
function useUnread(view: RoomView, open: boolean, meId: string | undefined): number {
  const { messages, historyLoaded } = view;
  const newest = messages.length > 0 ? messages[messages.length - 1]!.seq : 0;
  // Null until the first page of history has landed: that backlog is not news.
  const [seen, setSeen] = useState<number | null>(historyLoaded ? newest : null);
  useEffect(() => {
    if (open || (seen === null && historyLoaded)) setSeen(newest);
  }, [open, newest, historyLoaded, seen]);
  return open || seen === null ? 0 : messages.filter((m) => m.seq > seen && m.sender.id !== meId && m.deleted === null).length;
}

function RoomBar({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <header className="topbar room-bar">
      <Link className="icon-button" href={paths.hallway()} aria-label="Back to the hallway">
        <Icon name="back" />
      </Link>
      <div className="topbar-title">
        <h1 tabIndex={-1} data-route-heading>
          {title}
        </h1>
      </div>
      {children && <div className="topbar-actions">{children}</div>}
    </header>
  );
}

function Room({ view }: { view: RoomView }) {
  const controller = useController();
  const me = useMe();
  const { room } = view;
  const [chatOpen, setChatOpen] = useState(false);
  const [ending, setEnding] = useState(false);
  const chatButton = useRef<HTMLButtonElement>(null);
  const live = room.status === 'live';
  const role = room.me.role;
  const external = room.managedExternally === true;
  const unread = useUnread(view, chatOpen, me?.id);
  // The stage's private channel: a tab for whoever is (or was) on the stage; listeners never see it.
  const backstage = useBackstage(room.id, `${role}`);
  const [tab, setTab] = useState<'room' | 'backstage'>('room');

  const leave = useAction(async () => {
    await controller.rooms.leave(room.id);
    navigate(paths.hallway());
  });
  const hand = useAction((raised: boolean) => controller.rooms.setHand(room.id, raised));
  const accept = useAction(() => controller.rooms.acceptSpeak(room.id));
  const decline = useAction(() => controller.rooms.declineSpeak(room.id));
  const stepDown = useAction(() => controller.rooms.stepDown(room.id, me!.id));
  const rejoin = useAction(() => controller.rooms.enter(room.id));
  const error = leave.error ?? hand.error ?? accept.error ?? decline.error ?? stepDown.error ?? rejoin.error;

  return (
    <div className={`screen room-screen${chatOpen ? ' chat-open' : ''}`}>
      <RoomBar title={room.title}>
        {role === 'host' && live && !external && (
          <button type="button" className="button small danger-outline" onClick={() => setEnding(true)}>
            End room
          </button>
        )}
      </RoomBar>
      <ConnectionBanner />
      <div className="room-layout">
        <main className="room-main">
          <div className="room-intro">
            <p className="muted small">
              {live ? (
                <>
                  <span className="live-dot" aria-hidden="true" /> Live · {countLabel(room.speakerCount, 'speaker', 'speakers')} ·{' '}
                  {countLabel(room.listenerCount, 'listener', 'listeners')}
                </>
              ) : (
                `Ended${room.endedAt ? ` at ${new Date(room.endedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : ''}: the chat stays readable`
              )}
            </p>
            {room.description && <p className="room-description">{room.description}</p>}
          </div>
          {view.removed && (
            <p className="note removed-note" role="alert">
              You were removed from this room. You can’t join it again.
            </p>
          )}
          {live && external && (
            <p className="note managed-note">
              This room runs in the audio app: starting and ending it, and who is on the stage, happen there. Chat, hands and moderation work here.
            </p>
          )}
          {live && room.me.invitedToSpeak && role === 'listener' && (
            <div className="card invite-card" role="alert" aria-labelledby="invite-text">
              <p id="invite-text">
                <strong>{room.me.invitedBy ? `${room.me.invitedBy.displayName} invited you to speak.` : 'You’re invited to speak.'}</strong> Join the stage when
                you’re ready.
              </p>
              <div className="row">
                <button type="button" className="button primary" onClick={() => void accept.run()} disabled={accept.busy || decline.busy}>
                  Join the stage
                </button>
                <button type="button" className="button" onClick={() => void decline.run()} disabled={accept.busy || decline.busy}>
                  Decline
                </button>
              </div>
            </div>
          )}
          {backstage && (
            <div className="tabs room-tabs" role="tablist" aria-label="Room views">
              <button type="button" role="tab" className="tab" aria-selected={tab === 'room'} aria-current={tab === 'room' ? 'page' : undefined} onClick={() => setTab('room')}>
                Room
              </button>
              <button type="button" role="tab" className="tab" aria-selected={tab === 'backstage'} aria-current={tab === 'backstage' ? 'page' : undefined} onClick={() => setTab('backstage')} data-testid="backstage-tab">
                Backstage{backstage.readOnly ? ' (read-only)' : ''}
              </button>
            </div>
          )}
          {backstage && tab === 'backstage' ? <BackstagePanel backstage={backstage} /> : <StageAndAudience view={view} />}
          {tab === 'room' && <QaPanel view={view} />}
        </main>
        <RoomChat
          view={view}
          open={chatOpen}
          onClose={() => {
            setChatOpen(false);
            chatButton.current?.focus();
          }}
        />
      </div>
      <footer className="room-actions">
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="room-actions-row">
          {live && role !== null && !view.removed && !external && (
            <button type="button" className="button" onClick={() => void leave.run()} disabled={leave.busy}>
              <span aria-hidden="true">✌️</span> Leave quietly
            </button>
          )}
          {live && role === null && !view.removed && !external && (
            <button type="button" className="button primary" onClick={() => void rejoin.run()} disabled={rejoin.busy}>
              Join again
            </button>
          )}
          {!live && (
            <Link className="button" href={paths.hallway()}>
              Back to the hallway
            </Link>
          )}
          <span className="spacer" />
          <button
            ref={chatButton}
            type="button"
            className="button chat-toggle"
            aria-expanded={chatOpen}
            aria-label={unread > 0 ? `Chat, ${countLabel(unread, 'unread message', 'unread messages')}` : 'Chat'}
            onClick={() => setChatOpen(true)}
          >
            Chat
            {unread > 0 && (
              <span className="badge chat-unread" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </button>
          {live && role === 'listener' && (
            <button
              type="button"
              className={`button${room.me.handRaised ? ' primary' : ''}`}
              aria-pressed={room.me.handRaised}
              onClick={() => void hand.run(!room.me.handRaised)}
              disabled={hand.busy}
            >
              <span aria-hidden="true">✋</span> {room.me.handRaised ? 'Lower hand' : 'Raise hand'}
            </button>
          )}
          {live && !external && (role === 'speaker' || role === 'moderator') && (
            <button type="button" className="button" onClick={() => void stepDown.run()} disabled={stepDown.busy}>
              Move to audience
            </button>
          )}
        </div>
        {live && role === 'host' && !external && (
          <p className="muted small host-hint">You’re the host. To leave, make someone a moderator (they take over) or end the room.</p>
        )}
      </footer>
      {ending && (
        <DeliberateDialog
          title="End this room for everyone?"
          action="End room"
          onConfirm={() => controller.rooms.end(room.id)}
          onClose={() => setEnding(false)}
        >
          <p className="muted">Everyone leaves the stage and the audience. The chat stays readable, but nobody can write in it.</p>
        </DeliberateDialog>
      )}
    </div>
  );
}
