/**
 * The room's backstage tab (docs/subsystems/rooms.md, "Backstage"): the private channel of the
 * stage. On the stage it is a conversation like any other (history, composer, live messages from
 * the inbox store); after stepping off the stage it shows, read-only, what it held then. Listeners
 * never see the tab: the server answers `not_found` and `useBackstage` gives null.
 */
import { useEffect, useState } from 'react';
import type { BackstageResponse, Message } from '@backchannel/protocol';
import { BackchannelError } from '@backchannel/sdk';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { memberName, systemText } from '../../lib/conversations.js';
import { Composer } from '../conversation/Composer.js';
import { MessageList } from '../conversation/MessageList.js';

/** The room's backstage as I may see it, refreshed when my place on the stage changes; null: none for me. */
export function useBackstage(roomId: string, stageKey: string): BackstageResponse | null {
  const controller = useController();
  const [found, setFound] = useState<BackstageResponse | null>(null);
  useEffect(() => {
    let gone = false;
    controller.client.rooms.backstage(roomId).then(
      (b) => !gone && setFound(b),
      (err: unknown) => {
        if (!gone && err instanceof BackchannelError && err.code === 'not_found') setFound(null);
      },
    );
    return () => {
      gone = true;
    };
  }, [controller, roomId, stageKey]);
  return found;
}

export function BackstagePanel({ backstage }: { backstage: BackstageResponse }) {
  return (
    <section className="room-section backstage" aria-labelledby="backstage-heading" data-testid="backstage">
      <h2 id="backstage-heading" className="room-section-heading">
        Backstage <span className="muted small">only the host, moderators and speakers</span>
      </h2>
      {backstage.readOnly ? <ReadOnly id={backstage.conversation.id} /> : <Live id={backstage.conversation.id} />}
    </section>
  );
}

function Live({ id }: { id: string }) {
  const controller = useController();
  const c = useAppSelector((s) => s.inbox.conversations[id]);
  useEffect(() => {
    void controller.conversation.openConversation(id).catch(() => undefined);
  }, [controller, id]);
  if (!c) return <p className="muted">Loading…</p>;
  return (
    <div className="backstage-chat conversation">
      <MessageList conversation={c} />
      <Composer conversationId={id} placeholder="Message the stage" />
    </div>
  );
}

function ReadOnly({ id }: { id: string }) {
  const controller = useController();
  const myId = useMe()?.id;
  const people = useAppSelector((s) => s.people.byId);
  const [messages, setMessages] = useState<Message[] | null>(null);
  useEffect(() => {
    controller.client.history(id, { limit: 200 }).then(
      (p) => setMessages(p.messages),
      () => setMessages([]),
    );
  }, [controller, id]);
  return (
    <div className="backstage-readonly" data-testid="backstage-readonly">
      <p className="note">You left the stage: this is what the backstage held then. New messages don’t reach you.</p>
      {messages === null ? (
        <p className="muted">Loading…</p>
      ) : messages.length === 0 ? (
        <p className="muted">Nobody wrote here.</p>
      ) : (
        <ol className="backstage-messages">
          {messages.map((m) => (
            <li key={m.id}>{m.kind === 'system' ? <span className="muted">{systemText(undefined, m, myId, people)}</span> : <><strong>{memberName(undefined, m.senderId, myId, people)}:</strong> {m.text}</>}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
