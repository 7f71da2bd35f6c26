/**
 * A link to one of our rooms in a message, as a live card: title, LIVE or ended, listener count,
 * the stage's faces, Join (PRODUCT.md §3). The server decides what the viewer may see
 * (`GET /v1/rooms/{id}/card`): a room they may not see answers `not_found` and the card stays
 * away — the text keeps the plain link. While the room is live the card is re-read at most every
 * 10 s, once per room however many messages link to it (one shared poll per room).
 */
import { useEffect, useState } from 'react';
import type { Message, RoomCard } from '@backchannel/protocol';
import { Avatar } from '../../components/Avatar.js';
import { Link } from '../../components/Link.js';
import { paths } from '../../lib/router.js';
import { useController } from '../../app/AppContext.js';

const REFRESH_MS = 10_000;
const ROOM_PATH = /^\/rooms\/([A-Za-z0-9_-]{1,64})\/?$/;

/** The room ids a message links to on this site (not `/rooms/new`), in order, once each. */
export function roomLinksIn(message: Pick<Message, 'entities'>, origin = window.location.origin): string[] {
  const ids: string[] = [];
  for (const e of message.entities) {
    if (e.type !== 'link') continue;
    let url: URL;
    try {
      url = new URL(e.url, origin);
    } catch {
      continue;
    }
    const id = url.origin === origin ? ROOM_PATH.exec(url.pathname)?.[1] : undefined;
    if (id && id !== 'new' && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

type Entry = { card: RoomCard | null; listeners: Set<(c: RoomCard | null) => void>; timer: ReturnType<typeof setInterval> | null };
const entries = new Map<string, Entry>();

function watch(load: (id: string) => Promise<RoomCard>, id: string, listener: (c: RoomCard | null) => void): () => void {
  let e = entries.get(id);
  if (!e) {
    e = { card: null, listeners: new Set(), timer: null };
    entries.set(id, e);
  }
  const entry = e;
  entry.listeners.add(listener);
  const read = () =>
    load(id).then(
      (card) => {
        entry.card = card;
        for (const l of entry.listeners) l(card);
        // An ended room does not change again: stop polling it.
        if (card.status !== 'live' && entry.timer) {
          clearInterval(entry.timer);
          entry.timer = null;
        }
      },
      () => {
        entry.card = null;
        for (const l of entry.listeners) l(null);
      },
    );
  if (entry.card) listener(entry.card);
  if (!entry.timer && entry.listeners.size === 1) {
    void read();
    entry.timer = setInterval(() => void read(), REFRESH_MS);
  }
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) {
      if (entry.timer) clearInterval(entry.timer);
      entries.delete(id);
    }
  };
}

export function RoomLinkCard({ roomId }: { roomId: string }) {
  const controller = useController();
  const [card, setCard] = useState<RoomCard | null>(null);
  useEffect(() => watch((id) => controller.client.rooms.card(id), roomId, setCard), [controller, roomId]);
  if (!card) return null;
  const live = card.status === 'live';
  return (
    <div className="room-link-card" data-testid="room-card" data-status={card.status}>
      <span className={`pill${live ? ' live-pill' : ''}`}>{live ? 'LIVE' : 'Ended'}</span>
      <strong className="room-link-title">{card.title}</strong>
      {live && (
        <span className="muted small">
          {card.listenerCount} listening · {card.speakerCount} on stage
        </span>
      )}
      <span className="room-link-faces" aria-hidden="true">
        {card.speakers.map((u) => (
          <Avatar key={u.id} id={u.id} name={u.displayName} size={24} />
        ))}
      </span>
      <Link className="button small primary" href={paths.room(card.id)}>
        {live ? 'Join' : 'Open'}
      </Link>
    </div>
  );
}
