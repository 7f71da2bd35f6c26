import { createContext } from 'react';
import type { Theme } from './theme.js';

export const ThemeContext = createContext<{ theme: Theme; toggle: () => void }>({ theme: 'light', toggle: () => undefined });
