/** React access to the controller and its state. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppController } from './controller.js';
import type { State } from './state.js';

export const ControllerContext = createContext<AppController | null>(null);

export function useController(): AppController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
}

/** The whole state; it is replaced (never mutated) on change, so derive views with useMemo. */
export function useAppState(): State {
  const { store } = useController();
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
