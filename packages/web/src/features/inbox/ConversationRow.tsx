/**
 * One inbox row: who, the last message, when, unread, and mute/pin/archive in a menu. Memoised: a
 * row re-renders when its conversation (or its preview's names) changes, not when another row's does.
 */
import { memo } from 'react';
import type { Conversation } from '@backchannel/protocol';
import { Avatar, GroupAvatar } from '../../components/Avatar.js';
import { Icon } from '../../components/Icon.js';
import { Link } from '../../components/Link.js';
import { Menu } from '../../components/Menu.js';
import { paths } from '../../lib/router.js';
import { shortAgo } from '../../lib/time.js';
import { useAppSelector, useController } from '../../app/AppContext.js';
import { conversationTitle, lastMessagePreview, otherMembers } from '../../lib/conversations.js';
import { requestRoomTitle } from '../requests/selectors.js';

export const ConversationRow = memo(function ConversationRow({ conversation: c, myId, active }: { conversation: Conversation; myId: string; active: boolean }) {
  const controller = useController();
  // A string: the row re-renders only if the preview's text changes (a former member's name loading).
  const preview = useAppSelector((s) => lastMessagePreview(c, myId, s.people.byId));
  const title = conversationTitle(c, myId);
  const others = otherMembers(c, myId);
  const unread = c.unreadCount > 0;
  // On failure nothing changed locally (the row shows the server's state), so there is nothing to undo.
  const settings = (patch: { muted?: boolean; pinned?: boolean; archived?: boolean }) => void controller.inbox.updateSettings(c.id, patch).catch(() => undefined);
  const met = c.folder === 'requests' ? requestRoomTitle(c) : null;
  const label = `${title}${met ? `, ${met.from ? 'from' : 'met in'} ${met.title}` : ''}${unread ? `, ${c.unreadCount} unread` : ''}${c.muted ? ', muted' : ''}${c.pinned ? ', pinned' : ''}`;

  return (
    <li className={`conv-row${unread ? ' unread' : ''}${active ? ' active' : ''}`}>
      <Link className="conv-link" href={paths.conversation(c.id)} aria-label={label} aria-current={active ? 'page' : undefined}>
        {c.kind === 'group' ? <GroupAvatar people={others.length > 1 ? others : c.members} size={52} /> : <Avatar id={others[0]?.id ?? c.id} name={title} size={52} />}
        <span className="conv-text">
          <span className="conv-top">
            <span className="conv-title">{title}</span>
            {c.pinned && <Icon name="pin" size={14} />}
            {c.muted && <Icon name="mute" size={14} />}
            <time className="conv-time" dateTime={c.lastActivityAt}>
              {shortAgo(c.lastActivityAt)}
            </time>
          </span>
          {met && (
            <span className="conv-room" data-testid="request-room">
              {met.from ? 'From' : 'Met in'} {met.title}
            </span>
          )}
          {c.backstage && (
            <span className="conv-room" data-testid="backstage-room">
              {c.backstage.status === 'live' ? 'Backstage · live now' : 'Backstage · ended'}
            </span>
          )}
          <span className="conv-bottom">
            <span className="conv-preview">{preview}</span>
            {unread && (
              <span className={`badge${c.muted ? ' quiet' : ''}`} aria-hidden="true">
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
              </span>
            )}
          </span>
        </span>
      </Link>
      {c.folder === 'inbox' && (
        <Menu
          label={`Actions for ${title}`}
          items={[
            { label: c.pinned ? 'Unpin' : 'Pin', onSelect: () => settings({ pinned: !c.pinned }) },
            { label: c.muted ? 'Unmute' : 'Mute', onSelect: () => settings({ muted: !c.muted }) },
            { label: c.archived ? 'Move to inbox' : 'Archive', onSelect: () => settings({ archived: !c.archived }) },
          ]}
        >
          <span className="dots" aria-hidden="true">
            •••
          </span>
        </Menu>
      )}
    </li>
  );
});
