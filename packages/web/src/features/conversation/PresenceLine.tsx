/**
 * A 1:1 header's "Speaking in <room> now" / "Listening in <room>", with a tap to join
 * (domain/rooms/roomPresence.ts decides who may see it: never a pending requester, never across a
 * block, nothing when the person turned it off). Re-read every 30 s while the chat is open.
 */
import { useEffect, useState } from 'react';
import type { RoomPresence } from '@backchannel/protocol';
import { Link } from '../../components/Link.js';
import { paths } from '../../lib/router.js';
import { useController } from '../../app/AppContext.js';

const REFRESH_MS = 30_000;

export function PresenceLine({ conversationId }: { conversationId: string }) {
  const controller = useController();
  const [presence, setPresence] = useState<RoomPresence | null>(null);
  useEffect(() => {
    let gone = false;
    const read = () =>
      controller.client.conversationPresence(conversationId).then(
        (r) => !gone && setPresence(r.presence),
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      gone = true;
      clearInterval(timer);
    };
  }, [controller, conversationId]);
  if (!presence) return null;
  return (
    <Link className="presence-line" href={paths.room(presence.room.id)} data-testid="presence-line" aria-label={`${presence.onStage ? 'Speaking' : 'Listening'} in ${presence.room.title}. Join`}>
      <span className="live-dot" aria-hidden="true" /> {presence.onStage ? 'Speaking' : 'Listening'} in {presence.room.title}
      {presence.onStage ? ' now' : ''} · Join
    </Link>
  );
}
