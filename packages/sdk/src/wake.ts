/**
 * Moments when a reconnect that is waiting out its backoff should be tried at once: the page came
 * back to the foreground, or the device got its network back. Either usually means the reason for
 * the failure is gone, and the person is looking at the app now. Injectable, so tests fire them.
 */
export interface WakeSignals {
  /** Calls `onWake` on each such moment until the returned function is called. */
  subscribe(onWake: () => void): () => void;
}

interface BrowserGlobals {
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
  document?: {
    visibilityState?: string;
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
  };
}

/** `visibilitychange` (to visible) and `online` in browsers; null where there are no such events (Node). */
export function browserWakeSignals(globals: BrowserGlobals = globalThis as BrowserGlobals): WakeSignals | null {
  const { document } = globals;
  if (typeof globals.addEventListener !== 'function' || typeof globals.removeEventListener !== 'function' || !document) return null;
  return {
    subscribe(onWake) {
      const onVisibility = () => {
        if (document.visibilityState !== 'hidden') onWake();
      };
      document.addEventListener('visibilitychange', onVisibility);
      globals.addEventListener!('online', onWake);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        globals.removeEventListener!('online', onWake);
      };
    },
  };
}
