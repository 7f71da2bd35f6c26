/**
 * Subscribes a component to one derived value of a store: it re-renders only when that value
 * changes (by `isEqual`, `Object.is` unless told), not on every dispatch. A typing event, for
 * instance, changes `conversation.typing` and nothing else, so only the typing hint re-renders.
 *
 * Selectors may be inline closures: the last (state, selector) pair and its value are cached, and
 * an equal value keeps the previous reference so `useMemo` downstream stays put.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ReadableStore } from './store.js';

export function useStoreSelector<S, T>(store: ReadableStore<S>, selector: (state: S) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const cache = useRef<{ state: S; selector: (state: S) => T; value: T } | null>(null);
  const getSnapshot = useCallback((): T => {
    const state = store.getState();
    const last = cache.current;
    if (last && last.state === state && last.selector === selector) return last.value;
    const value = selector(state);
    const kept = last && isEqual(last.value, value) ? last.value : value;
    cache.current = { state, selector, value: kept };
    return kept;
  }, [store, selector, isEqual]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

/** Equal arrays of equal (`Object.is`) items: for selectors that build a fresh array each time. */
export function shallowEqualArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** Equal records with the same keys and `Object.is` values. */
export function shallowEqualObjects<T extends object | null | undefined>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A one-entry cache on the argument's identity, for selectors that derive from a record: the work
 * runs when the record changes, not on every dispatch (a typing event leaves `conversations` alone).
 */
export function memoByRef<A, R>(fn: (a: A) => R): (a: A) => R {
  let last: { a: A; r: R } | null = null;
  return (a) => {
    if (last && last.a === a) return last.r;
    last = { a, r: fn(a) };
    return last.r;
  };
}
