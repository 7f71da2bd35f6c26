/** Shown while the socket is down; messages typed meanwhile stay "Sending…" and go out on reconnect. */
import { useAppSelector } from '../app/AppContext.js';

export function ConnectionBanner() {
  const connection = useAppSelector((s) => s.session.connection);
  if (connection !== 'offline') return null;
  return (
    <div className="banner" role="status" data-testid="reconnect-banner">
      <span className="spinner" aria-hidden="true" /> Reconnecting… messages you send will go out when we’re back.
    </div>
  );
}
