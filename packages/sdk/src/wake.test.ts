/**
 * Reconnect timing (issue: 9–12 s to come back after a ~14 s outage): the backoff window stops
 * growing at a few seconds, and a visible page or a returning network retries at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECONNECT_BACKOFF } from './backoff.js';
import type { LifecycleEventMap } from './events.js';
import { fakeWebSocketClass } from './fakes.testkit.js';
import { BackchannelSocket } from './socket.js';
import type { SocketOptions } from './socketOptions.js';
import { browserWakeSignals, type WakeSignals } from './wake.js';

/** A wake source the test fires by hand. */
function manualWake() {
  const listeners = new Set<() => void>();
  const signals: WakeSignals = {
    subscribe(onWake) {
      listeners.add(onWake);
      return () => listeners.delete(onWake);
    },
  };
  return { signals, fire: () => [...listeners].forEach((l) => l()), listening: () => listeners.size };
}

function setup(opts: SocketOptions = {}) {
  const server = fakeWebSocketClass();
  const socket = new BackchannelSocket(
    { baseUrl: 'https://chat.example/', getToken: () => 'tok', syncHead: () => Promise.resolve({ cursor: 'h0' }), socketTicket: () => Promise.reject(new Error('header mode')) },
    { WebSocket: server.Ctor, random: () => 0.999, authHeader: true, ...opts },
  );
  const disconnects: Array<LifecycleEventMap['disconnected']> = [];
  socket.on('disconnected', (e) => void disconnects.push(e));
  return { server, socket, disconnects };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reconnect backoff', () => {
  it('never waits more than 5 s between attempts, however long the server stays down', async () => {
    const t = setup({ wakeSignals: null });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 12; i++) {
      t.server.last().drop(1006);
      await vi.advanceTimersByTimeAsync(t.disconnects[i]!.retryInMs!);
    }
    const waits = t.disconnects.map((d) => d.retryInMs!);
    expect(Math.max(...waits)).toBe(4995); // random 0.999 × the 5 000 ms cap
    expect(waits.slice(0, 5)).toEqual([499, 999, 1998, 3996, 4995]);
    expect(DEFAULT_RECONNECT_BACKOFF.maxMs).toBe(5000);
  });
});

describe('wake signals', () => {
  it('retries at once when woken while waiting, and only then', async () => {
    const wake = manualWake();
    const t = setup({ wakeSignals: wake.signals });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    wake.fire(); // connecting: nothing to cut short
    expect(t.server.sockets).toHaveLength(1);
    t.server.last().drop(1006);
    t.server.last().drop(1006); // a second drop of the same socket is ignored
    expect(t.socket.phase).toBe('waiting');
    wake.fire();
    expect(t.server.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000); // the cancelled timer does not dial again
    expect(t.server.sockets).toHaveLength(2);
  });

  it('does not cut short a wait the server imposed with 4008', async () => {
    const wake = manualWake();
    const t = setup({ wakeSignals: wake.signals });
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.server.last().drop(4008, 'rate limited; retry after 3000 ms');
    wake.fire();
    expect(t.server.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(t.disconnects[0]!.retryInMs!);
    expect(t.server.sockets).toHaveLength(2);
  });

  it('stops listening after close() and after a revoked session', async () => {
    const wake = manualWake();
    const t = setup({ wakeSignals: wake.signals });
    t.socket.connect();
    expect(wake.listening()).toBe(1);
    t.socket.close();
    expect(wake.listening()).toBe(0);
    t.socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.server.last().drop(4001, 'revoked');
    expect(wake.listening()).toBe(0);
  });
});

describe('browserWakeSignals', () => {
  it('wakes on online and on visibilitychange to visible, not to hidden, and unsubscribes', () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const signals = browserWakeSignals({
      addEventListener: (t, l) => win.addEventListener(t, l),
      removeEventListener: (t, l) => win.removeEventListener(t, l),
      document: doc,
    })!;
    let woken = 0;
    const stop = signals.subscribe(() => woken++);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(woken).toBe(0);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('online'));
    expect(woken).toBe(2);
    stop();
    win.dispatchEvent(new Event('online'));
    expect(woken).toBe(2);
  });

  it('is absent where there is no window (Node)', () => {
    expect(browserWakeSignals({})).toBeNull();
  });
});
