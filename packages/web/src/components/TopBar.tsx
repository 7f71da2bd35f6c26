/**
 * The header of every screen. Its <h1> takes focus after a route change (see App.tsx), so screen
 * reader and keyboard users start at the new screen's title instead of the top of the document.
 */
import type { ReactNode } from 'react';
import { Icon } from './Icon.js';
import { Link } from './Link.js';

export function TopBar({ title, back, actions, children }: { title: ReactNode; back?: { href: string; label: string }; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="topbar">
      {back && (
        <Link className="icon-button" href={back.href} aria-label={back.label}>
          <Icon name="back" />
        </Link>
      )}
      <div className="topbar-title">
        <h1 tabIndex={-1} data-route-heading>
          {title}
        </h1>
        {children}
      </div>
      {actions && <div className="topbar-actions">{actions}</div>}
    </header>
  );
}
