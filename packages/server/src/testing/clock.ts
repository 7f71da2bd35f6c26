/**
 * The fake clock for tests: inject it wherever an action or the app takes a `Clock`, and move time
 * with `advance` instead of sleeping.
 */
import type { Clock } from '../domain/deps.js';

export class TestClock implements Clock {
  constructor(public t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
