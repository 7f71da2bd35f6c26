/** A conversation: header, history, typing hint, composer; requests get their own bar on top. */
import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '@backchannel/protocol';
import { Avatar, GroupAvatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { TopBar } from '../../components/TopBar.js';
import { paths } from '../../lib/router.js';
import { describeError } from '../../core/describe.js';
import { useAppSelector, useController, useMe } from '../../app/AppContext.js';
import { blockedMemberNames, conversationTitle, otherMembers } from '../../lib/conversations.js';
import { sentRequestNote } from '../requests/selectors.js';
import { useAction } from '../../components/useAsync.js';
import { navigate } from '../../lib/router.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { PresenceLine } from './PresenceLine.js';
import { RequestBar } from '../requests/RequestBar.js';
import { TypingIndicator } from './TypingIndicator.js';

export function ConversationScreen({ id }: { id: string }) {
  const controller = useController();
  // This conversation only: a typing hint or a message elsewhere does not re-render the screen.
  const c = useAppSelector((s) => s.inbox.conversations[id]);
  const myId = useMe()?.id ?? '';
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    controller.conversation.openConversation(id).catch((err: unknown) => setError(describeError(err)));
  }, [controller, id]);

  if (!c) {
    return (
      <section className="pane detail-pane">
        <TopBar title={error ? 'Conversation unavailable' : 'Loading…'} back={{ href: paths.inbox(), label: 'Back to Backchannel' }} />
        {error && (
          <p className="pad error" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }
  return <ConversationView conversation={c} myId={myId} />;
}

function ConversationView({ conversation: c, myId }: { conversation: Conversation; myId: string }) {
  const title = conversationTitle(c, myId);
  const others = otherMembers(c, myId);
  const other = c.kind === 'direct' ? others[0] : undefined;
  const isRequest = c.folder === 'requests';
  const back = { href: paths.inbox(isRequest ? 'requests' : c.archived ? 'archived' : 'inbox'), label: 'Back to Backchannel' };
  const section = useRef<HTMLElement>(null);
  const focusComposer = !isRequest && !touchOnly();
  // The "Loading…" header that had focus after navigation is replaced by this screen; put focus
  // where the person will type rather than letting it fall back to <body>.
  useEffect(() => {
    if (document.activeElement !== document.body) return;
    section.current?.querySelector<HTMLElement>(focusComposer ? '[data-route-focus]' : '[data-route-heading]')?.focus({ preventScroll: true });
  }, [focusComposer]);

  const actions =
    c.kind === 'group' ? (
      <Link className="icon-button" href={paths.groupSettings(c.id)} aria-label="Group settings">
        <Icon name="gear" />
      </Link>
    ) : other ? (
      <Link className="icon-button" href={paths.profile(other.username)} aria-label={`${other.displayName}’s profile`}>
        <Icon name="user" />
      </Link>
    ) : null;

  return (
    <section ref={section} className="pane detail-pane conversation" aria-label={title}>
      <TopBar
        back={back}
        actions={actions}
        title={
          <span className="conv-heading">
            {c.kind === 'group' ? <GroupAvatar people={others.length > 1 ? others : c.members} size={36} /> : <Avatar id={other?.id ?? c.id} name={title} size={36} />}
            <span className="conv-heading-text">
              <span data-testid="conversation-title">{title}</span>
              <span className="sub">{c.kind === 'group' ? `${c.memberCount} members` : other ? `@${other.username}` : ''}</span>
              {c.kind === 'direct' && <PresenceLine conversationId={c.id} />}
            </span>
          </span>
        }
      />
      {isRequest ? <RequestBar conversation={c} senderName={requestSenderName(c, myId)} /> : <SentRequestNote conversation={c} />}
      {c.kind === 'group' && <BlockedMemberWarning conversation={c} />}
      <MessageList conversation={c} />
      <TypingIndicator conversation={c} />
      <Composer conversationId={c.id} placeholder={isRequest ? 'Reply to accept…' : c.kind === 'group' ? 'Message the group' : `Message ${title.split(' ')[0]}`} takesFocus={focusComposer} />
    </section>
  );
}

/**
 * A phone or tablet without a mouse: focusing the composer there would pop the on-screen keyboard
 * over the history each time a chat opens, so focus stays on the heading. A request keeps it on
 * the heading too: the bar above (who this is, Accept / Delete / Block / Report) comes first.
 */
function touchOnly(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(hover: none) and (pointer: coarse)').matches;
}

function requestSenderName(c: Conversation, myId: string): string {
  const id = c.request?.senderId;
  return c.members.find((m) => m.id === id)?.displayName ?? otherMembers(c, myId)[0]?.displayName ?? 'They';
}


/**
 * My side of a request I sent. The server tells me nothing while it waits (that is the point), so
 * this shows only what this session learnt: a `request_pending` refusal, or `request.accepted`.
 */
function SentRequestNote({ conversation: c }: { conversation: Conversation }) {
  const note = useAppSelector((s) => sentRequestNote(s, c), sameNote);
  if (!note) return null;
  return (
    <p className="note sent-request" role="status" data-testid="sent-request-note" data-state={note.state}>
      {note.text}
    </p>
  );
}

function sameNote(a: ReturnType<typeof sentRequestNote>, b: ReturnType<typeof sentRequestNote>): boolean {
  return a === b || (a !== null && b !== null && a.state === b.state && a.text === b.text);
}

/** PRODUCT.md §1: a group with someone I blocked warns me, with one-tap leave. */
function BlockedMemberWarning({ conversation: c }: { conversation: Conversation }) {
  const controller = useController();
  const people = useAppSelector((s) => s.people.byId);
  const names = blockedMemberNames(c, people);
  const leave = useAction(async () => {
    await controller.groups.leave(c.id);
    navigate(paths.inbox(), { replace: true });
  });
  if (names.length === 0) return null;
  return (
    <div className="warning-bar" role="region" aria-label="Blocked member warning">
      <p>
        You blocked <strong>{names.join(', ')}</strong>, who {names.length === 1 ? 'is' : 'are'} in this group. They can see what you write here.
      </p>
      <button type="button" className="button small danger" onClick={() => void leave.run()} disabled={leave.busy}>
        Leave group
      </button>
      {leave.error && (
        <p className="error" role="alert">
          {leave.error}
        </p>
      )}
    </div>
  );
}
