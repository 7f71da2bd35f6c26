/** The Backchannel list: Inbox and Requests tabs, and the Archived view. */
import { useMemo } from 'react';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { TopBar } from '../../components/TopBar.js';
import { paths } from '../../lib/router.js';
import { useAppSelector, useMe } from '../../app/AppContext.js';
import { requestCount, sortedIn, type InboxTab } from './selectors.js';
import { ConversationRow } from './ConversationRow.js';
import { DeleteAllRequests } from '../requests/DeleteAllRequests.js';
import { requestRoomTitle } from '../requests/selectors.js';

const EMPTY: Record<InboxTab, { title: string; body: string }> = {
  inbox: { title: 'No messages yet', body: 'Start a chat with someone you met in a room, or a small group.' },
  requests: { title: 'No requests', body: 'Messages from people you don’t follow will wait here until you decide.' },
  archived: { title: 'Nothing archived', body: 'Archived chats move back to your inbox when someone writes.' },
};

export function InboxPane({ tab, activeId, titled }: { tab: InboxTab; activeId?: string; titled: boolean }) {
  // Only the conversations record and this tab's "loaded" flag: typing, messages and receipts
  // live in other slices and do not re-render the list.
  const conversations = useAppSelector((s) => s.inbox.conversations);
  const loaded = useAppSelector((s) => s.inbox.loaded[tab]);
  const myId = useMe()?.id ?? '';
  const list = useMemo(() => sortedIn(conversations, tab), [conversations, tab]);
  const metInRoom = useMemo(() => (tab === 'requests' ? list.filter((c) => requestRoomTitle(c) !== null) : []), [list, tab]);
  const rest = useMemo(() => (metInRoom.length === 0 ? list : list.filter((c) => !metInRoom.includes(c))), [list, metInRoom]);
  const requests = useMemo(() => requestCount(conversations), [conversations]);
  const archivedCount = useMemo(() => sortedIn(conversations, 'archived').length, [conversations]);
  const heading = tab === 'archived' ? 'Archived' : 'Backchannel';

  return (
    <section className="pane list-pane" aria-label="Conversations">
      {titled ? (
        <TopBar title={heading} back={tab === 'archived' ? { href: paths.inbox(), label: 'Back to inbox' } : { href: paths.hallway(), label: 'Back to the hallway' }} actions={<ComposeButton />} />
      ) : (
        <header className="topbar">
          <div className="topbar-title">
            <Link className="icon-button" href={paths.hallway()} aria-label="Back to the hallway">
              <Icon name="back" />
            </Link>
            <h2 className="pane-heading">{heading}</h2>
          </div>
          <div className="topbar-actions">
            <ComposeButton />
          </div>
        </header>
      )}
      {tab !== 'archived' && (
        <nav className="tabs" aria-label="Folders">
          <Link href={paths.inbox()} className="tab" aria-current={tab === 'inbox' ? 'page' : undefined}>
            Inbox
          </Link>
          <Link href={paths.inbox('requests')} className="tab" aria-current={tab === 'requests' ? 'page' : undefined} data-testid="requests-tab">
            Requests
            {requests > 0 && (
              <span className="badge" aria-label={`${requests} requests`}>
                {requests}
              </span>
            )}
          </Link>
        </nav>
      )}
      {tab === 'requests' && (
        <>
          <p className="note">Requests are from people you don’t follow. They won’t know you’ve seen their message.</p>
          <DeleteAllRequests count={list.length} />
        </>
      )}
      {!loaded ? (
        <p className="muted pad" role="status">
          Loading…
        </p>
      ) : list.length === 0 ? (
        <div className="empty">
          <h3>{EMPTY[tab].title}</h3>
          <p className="muted">{EMPTY[tab].body}</p>
          {tab === 'inbox' && (
            <Link className="button primary" href={paths.compose()}>
              <Icon name="plus" size={18} /> New message
            </Link>
          )}
        </div>
      ) : (
        <>
          {/* Requests from people met in a room come first, under their own heading (PRODUCT.md §2). */}
          {tab === 'requests' && metInRoom.length > 0 && (
            <>
              <h3 className="list-heading" id="met-in-room-heading">
                Met in a room
              </h3>
              <ul className="conv-list" aria-labelledby="met-in-room-heading" data-testid="met-in-room-requests">
                {metInRoom.map((c) => (
                  <ConversationRow key={c.id} conversation={c} myId={myId} active={c.id === activeId} />
                ))}
              </ul>
              {rest.length > 0 && <h3 className="list-heading">Other requests</h3>}
            </>
          )}
          {rest.length > 0 && (
            <ul className="conv-list" aria-label={tab === 'requests' ? 'Requests' : heading}>
              {rest.map((c) => (
                <ConversationRow key={c.id} conversation={c} myId={myId} active={c.id === activeId} />
              ))}
            </ul>
          )}
        </>
      )}
      {tab === 'inbox' && archivedCount > 0 && (
        <Link className="archived-link" href={paths.inbox('archived')}>
          <Icon name="archive" size={18} /> Archived chats ({archivedCount})
        </Link>
      )}
    </section>
  );
}

function ComposeButton() {
  return (
    <Link className="icon-button accent" href={paths.compose()} aria-label="New message">
      <Icon name="plus" />
    </Link>
  );
}
