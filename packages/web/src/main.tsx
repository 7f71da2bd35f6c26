import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { applyTheme, initialTheme } from './lib/theme.js';
import { ControllerContext } from './app/AppContext.js';
import { AppController } from './app/controller.js';
import './styles.css';
import './safety.css';
import './emoji-font.css';

// Apply the theme before the first paint so a dark-mode user never sees a white flash.
applyTheme(initialTheme());
const controller = new AppController(window.location.origin, window.localStorage);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
