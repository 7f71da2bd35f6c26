/** React access to the controller and to its store, one selected slice at a time. */
import { createContext, useContext } from 'react';
import { useStoreSelector } from '../core/useSelector.js';
import type { AppController } from './controller.js';
import type { State } from './state.js';

export const ControllerContext = createContext<AppController | null>(null);

export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
}

/**
 * The part of the state a component shows; it re-renders only when that part changes (by
 * `isEqual`, `Object.is` unless told). Select the narrowest value: `s.inbox.conversations[id]`,
 * not `s.inbox`. Derive lists with `useMemo` over selected records rather than in the selector,
 * which runs on every dispatch.
 */
export function useAppSelector<T>(selector: (state: State) => T, isEqual?: (a: T, b: T) => boolean): T {
  return useStoreSelector(useController().store, selector, isEqual);
}

/** Who is signed in (null before the session starts). */
export function useMe() {
  return useAppSelector((s) => s.session.me);
}
