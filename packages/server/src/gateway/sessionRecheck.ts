/**
 * Closes the sockets whose session ended without this node hearing of it: revoked by the admin CLI
 * (another process, on the embedded store with no bus between them), expired while the socket
 * stayed open, or the account suspended or deleted elsewhere. Sessions revoked through the server
 * close their sockets at once (`sessions.revoked` on the bus); this sweep is the backstop, one
 * read per 500 sockets every `intervalMs`.
 */
import type { Deps } from '../domain/deps.js';
import { liveSessions } from '../domain/auth/liveSessions.js';

export interface RecheckedConnection {
  readonly sessionId: string;
  revoke(): void;
}

const CHUNK = 500;

export function startSessionRecheck(connections: ReadonlySet<RecheckedConnection>, deps: Pick<Deps, 'store' | 'clock'>, intervalMs: number, onError: (err: unknown) => void): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const all = [...connections];
      const ids = [...new Set(all.map((c) => c.sessionId))];
      const live = new Set<string>();
      for (let i = 0; i < ids.length; i += CHUNK) for (const id of await liveSessions(deps, ids.slice(i, i + CHUNK))) live.add(id);
      for (const c of all) if (!live.has(c.sessionId) && connections.has(c)) c.revoke();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
