/** Renders a component inside the app's providers, with a controller whose store tests can fill. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ControllerContext } from '../app/AppContext.js';
import { AppController } from '../app/controller.js';

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

export function renderWithController(ui: ReactElement, controller = new AppController('http://backchannel.test', memoryStorage())) {
  return { controller, ...render(<ControllerContext.Provider value={controller}>{ui}</ControllerContext.Provider>) };
}
