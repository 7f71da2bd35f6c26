/**
 * A tiny History-API router: the app has a handful of routes, so a dependency buys nothing.
 * The server answers every unknown path with index.html (SPA fallback), so deep links work.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'hallway' }
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'inbox'; tab: 'inbox' | 'requests' | 'archived' }
  | { name: 'conversation'; id: string }
  /** A 1:1 not started yet: created on the first send (DraftConversation.tsx). */
  | { name: 'draft'; username: string }
  | { name: 'groupSettings'; id: string }
  | { name: 'compose' }
  | { name: 'profile'; username: string }
  | { name: 'search' }
  | { name: 'editProfile' }
  | { name: 'privacy' }
  | { name: 'moderation' }
  | { name: 'moderationReport'; id: string }
  | { name: 'startRoom' }
  | { name: 'room'; id: string }
  | { name: 'resetPassword' }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { name: 'hallway' };
  if (a === 'login' && !b) return { name: 'login' };
  if (a === 'signup' && !b) return { name: 'signup' };
  if (a === 'reset-password' && !b) return { name: 'resetPassword' };
  if (a === 'search' && !b) return { name: 'search' };
  if (a === 'settings' && b === 'profile' && !c) return { name: 'editProfile' };
  if (a === 'settings' && b === 'privacy' && !c) return { name: 'privacy' };
  if (a === 'moderation' && !b) return { name: 'moderation' };
  if (a === 'moderation' && b === 'reports' && c && !d) return { name: 'moderationReport', id: c };
  if (a === 'u' && b && !c) return { name: 'profile', username: b };
  if (a === 'rooms' && b === 'new' && !c) return { name: 'startRoom' };
  if (a === 'rooms' && b && !c) return { name: 'room', id: b };
  if (a === 'backchannel') {
    if (!b) return { name: 'inbox', tab: 'inbox' };
    if ((b === 'requests' || b === 'archived') && !c) return { name: 'inbox', tab: b };
    if (b === 'new' && !c) return { name: 'compose' };
    if (b === 'to' && c && !d) return { name: 'draft', username: c };
    if (b === 'c' && c && !d) return { name: 'conversation', id: c };
    if (b === 'c' && c && d === 'settings') return { name: 'groupSettings', id: c };
  }
  return { name: 'notFound' };
}

export const paths = {
  hallway: () => '/',
  inbox: (tab: 'inbox' | 'requests' | 'archived' = 'inbox') => (tab === 'inbox' ? '/backchannel' : `/backchannel/${tab}`),
  conversation: (id: string) => `/backchannel/c/${encodeURIComponent(id)}`,
  groupSettings: (id: string) => `/backchannel/c/${encodeURIComponent(id)}/settings`,
  compose: () => '/backchannel/new',
  draft: (username: string) => `/backchannel/to/${encodeURIComponent(username)}`,
  profile: (username: string) => `/u/${encodeURIComponent(username)}`,
  search: () => '/search',
  editProfile: () => '/settings/profile',
  privacy: () => '/settings/privacy',
  moderation: () => '/moderation',
  moderationReport: (id: string) => `/moderation/reports/${encodeURIComponent(id)}`,
  startRoom: () => '/rooms/new',
  room: (id: string) => `/rooms/${encodeURIComponent(id)}`,
  login: () => '/login',
  resetPassword: () => '/reset-password',
  signup: () => '/signup',
};

const listeners = new Set<() => void>();
function notify(): void {
  for (const l of [...listeners]) l();
}
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (opts.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname, () => '/');
}
