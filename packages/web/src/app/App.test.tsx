// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.js';
import { renderWithController } from '../test/render.js';

afterEach(cleanup);

describe('App session gate', () => {
  it('sends a signed-out visitor to log in, and focuses that screen’s heading', async () => {
    window.history.replaceState(null, '', '/backchannel');
    // No saved token: restore() resolves false without touching the network.
    renderWithController(<App />);
    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Welcome back'));
  });
});
