import type { ReactNode } from 'react';
import type { UserSummary } from '@backchannel/protocol';
import { Avatar } from './Avatar.js';

export function PersonRow({ user, children }: { user: UserSummary; children?: ReactNode }) {
  return (
    <span className="person">
      <Avatar id={user.id} name={user.displayName} size={44} />
      <span className="person-text">
        <span className="person-name">{user.displayName}</span>
        <span className="muted small">@{user.username}</span>
      </span>
      {children}
    </span>
  );
}
