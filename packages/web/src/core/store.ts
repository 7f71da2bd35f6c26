/**
 * The store primitive: one immutable state value, a reducer, and listeners. Kept apart from React
 * so the controller and tests dispatch and read without rendering anything; React reads it through
 * `useSelector` (core/useSelector.ts), one slice at a time.
 */
/** What a reader needs: the current value and change notifications. */
export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * How a feature's slice reacts to an action. `before` is the whole state before the action (to
 * read another slice: who I am, an outbox entry); `next` holds the slices reduced so far, in the
 * order app/state.ts lists them. Return `own` itself when nothing changed.
 */
export type SliceReducer<Own, S, A> = (own: Own, action: A, ctx: { before: S; next: S }) => Own;

export class Store<S, A> implements ReadableStore<S> {
  private state: S;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reducer: (state: S, action: A) => S,
    initial: S,
  ) {
    this.state = initial;
  }

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (action: A): void => {
    const next = this.reducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  };
}
