/**
 * The one conformance suite every storage backend passes (STYLE.md: "Every storage backend passes
 * the same conformance suite"). It drives the `Tx`/`Store` ports only through their public
 * behaviour; each test gets a fresh, empty store.
 *
 *   runStoreConformance('sqlite', async () => ({ store, cleanup }));
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store.js';
import { audioConformance } from './audioConformance.js';
import { conversationsConformance } from './conversationsConformance.js';
import { credentialsConformance } from './credentialsConformance.js';
import { eventsConformance } from './eventsConformance.js';
import { ghostsConformance } from './ghostsConformance.js';
import { graphConformance } from './graphConformance.js';
import type { OpenStore, OpenedStore } from './fixtures.js';
import { moderationConformance } from './moderationConformance.js';
import { requestsConformance } from './requestsConformance.js';
import { roomsConformance } from './roomsConformance.js';
import { sendConformance } from './sendConformance.js';
import { shadowViewsConformance } from './shadowViewsConformance.js';
import { usersConformance } from './usersConformance.js';

export type { OpenStore, OpenedStore } from './fixtures.js';

export function runStoreConformance(name: string, open: OpenStore): void {
  describe(`Store conformance: ${name}`, () => {
    let opened: OpenedStore | null = null;
    const store = (): Store => {
      if (!opened) throw new Error('store not open');
      return opened.store;
    };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      const o = opened;
      opened = null;
      await o?.cleanup();
    });
    usersConformance(store);
    audioConformance(store);
    graphConformance(store);
    credentialsConformance(store);
    conversationsConformance(store);
    eventsConformance(store);
    requestsConformance(store);
    ghostsConformance(store);
    shadowViewsConformance(store);
    moderationConformance(store);
    sendConformance(store);
    roomsConformance(store);
  });
}
