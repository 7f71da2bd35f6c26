/**
 * A minimal observable holder for `State`, read by React through useSyncExternalStore. Kept apart
 * from React so the controller and tests can dispatch and read without rendering anything.
 */
import { initialState, reduce, type Action, type State } from '../app/state.js';

export class StateContainer {
  private state: State;
  private readonly listeners = new Set<() => void>();

  constructor(state: State = initialState) {
    this.state = state;
  }

  getState = (): State => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (action: Action): void => {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  };
}
