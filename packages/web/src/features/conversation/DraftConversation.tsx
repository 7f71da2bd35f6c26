/**
 * A 1:1 that does not exist yet (`/backchannel/to/:username`, from Message on a profile or the
 * compose screen). Nothing is created until the first send, as in Instagram and X: pressing
 * Message and going back leaves no empty chat in anyone's inbox. The first send creates (or finds)
 * the conversation, sends through the socket, and replaces this route with the real one, where the
 * message shows as pending. A chat this session already knows opens directly instead.
 */
import { useEffect, useState } from 'react';
import type { Profile } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { TopBar } from '../../components/TopBar.js';
import { navigate, paths } from '../../lib/router.js';
import { describeError } from '../../core/describe.js';
import { useAppSelector, useController } from '../../app/AppContext.js';
import { directWith } from '../inbox/selectors.js';
import { Composer } from './Composer.js';

export function DraftConversation({ username }: { username: string }) {
  const controller = useController();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const existingId = useAppSelector((s) => (profile ? directWith(s, profile.id)?.id : undefined));
  // From a room's attendee list (`?room=`): a request then says "from <room>".
  const [roomId] = useState(() => new URLSearchParams(window.location.search).get('room'));

  useEffect(() => {
    controller.client.profileByUsername(username).then(setProfile, (err: unknown) => setError(describeError(err)));
  }, [controller, username]);
  useEffect(() => {
    if (existingId) navigate(paths.conversation(existingId), { replace: true });
  }, [existingId]);
  // The "Loading…" heading that had focus is gone: go on to the composer, not <body>.
  useEffect(() => {
    if (profile && document.activeElement === document.body) document.querySelector<HTMLElement>('[data-route-focus]')?.focus({ preventScroll: true });
  }, [profile]);

  const send = async (text: string): Promise<boolean> => {
    if (!profile) return false;
    setError(null);
    try {
      const c = await controller.conversation.startDirect(profile.id, text, roomId ? { roomId } : {});
      navigate(paths.conversation(c.id), { replace: true });
      return true;
    } catch (err) {
      setError(describeError(err));
      return false;
    }
  };

  const back = { href: paths.inbox(), label: 'Back to Backchannel' };
  if (!profile) {
    return (
      <section className="pane detail-pane">
        <TopBar title={error ? 'Conversation unavailable' : 'Loading…'} back={back} />
        {error && (
          <p className="pad error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }
  const first = profile.displayName.split(' ')[0] || profile.displayName;
  return (
    <section className="pane detail-pane conversation" aria-label={profile.displayName}>
      <TopBar
        back={back}
        title={
          <span className="conv-heading">
            <Avatar id={profile.id} name={profile.displayName} size={36} />
            <span className="conv-heading-text">
              <span data-testid="conversation-title">{profile.displayName}</span>
              <span className="sub">@{profile.username}</span>
            </span>
          </span>
        }
      />
      <div className="messages">
        <p className="muted small draft-note" data-testid="draft-note">
          {profile.canMessage ? `Say hi to ${first}. The chat starts when you send your first message.` : `${first} doesn’t accept messages from you.`}
          {profile.canMessage && roomId ? ` If ${first} doesn’t follow you, it arrives as a request from the room you’re both in.` : ''}
        </p>
        {error && (
          <p className="error pad" role="alert">
            {error}
          </p>
        )}
      </div>
      {profile.canMessage && <Composer conversationId={`draft-${profile.id}`} placeholder={`Message ${first}`} takesFocus onSend={send} />}
    </section>
  );
}
