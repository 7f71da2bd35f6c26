/**
 * Dead-connection detection (RELIABILITY.md, Heartbeats). A half-open TCP connection can look open
 * for minutes, so the client pings on a timer and treats silence as death: any frame from the
 * server re-arms the watchdog, and the server answers each ping (it carries an id) with an ack.
 */
import type { TimerHandle, Timers } from './timers.js';

export class Heartbeat {
  private pingTimer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private idleTimeoutMs = 0;
  private pingEveryMs = 0;

  constructor(
    private readonly timers: Timers,
    private readonly ping: () => void,
    private readonly onTimeout: () => void,
  ) {}

  /** Before `hello`: only a deadline for the server to speak at all. */
  expectWithin(ms: number): void {
    this.stop();
    this.idleTimeoutMs = ms;
    this.touch();
  }

  start(pingEveryMs: number, idleTimeoutMs: number): void {
    this.stop();
    this.pingEveryMs = pingEveryMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.touch();
    this.schedulePing();
  }

  /** A frame arrived: the connection is alive. */
  touch(): void {
    if (this.idleTimeoutMs <= 0) return;
    if (this.watchdog !== null) this.timers.clearTimeout(this.watchdog);
    this.watchdog = this.timers.setTimeout(() => {
      this.stop();
      this.onTimeout();
    }, this.idleTimeoutMs);
  }

  stop(): void {
    if (this.pingTimer !== null) this.timers.clearTimeout(this.pingTimer);
    if (this.watchdog !== null) this.timers.clearTimeout(this.watchdog);
    this.pingTimer = null;
    this.watchdog = null;
    this.idleTimeoutMs = 0;
  }

  private schedulePing(): void {
    this.pingTimer = this.timers.setTimeout(() => {
      this.ping();
      this.schedulePing();
    }, this.pingEveryMs);
  }
}
