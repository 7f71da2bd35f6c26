/**
 * The one conformance suite every storage backend passes (STYLE.md: "Every storage backend passes
 * the same conformance suite"). It drives the `Tx`/`Store` ports only through their public
 * behaviour; each test gets a fresh, empty store.
 *
 *   runStoreConformance('sqlite', async () => ({ store, cleanup }));
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store.js';
import type { OpenStore, OpenedStore } from './fixtures.js';
import { accountsConformance } from './accountsConformance.js';
import { audioConformance } from './audioConformance.js';
import { questionsConformance } from './questionsConformance.js';
import { auditConformance } from './auditConformance.js';
import { backstageConformance } from './backstageConformance.js';
import { conversationsConformance } from './conversationsConformance.js';
import { eventsConformance } from './eventsConformance.js';
import { ghostsConformance } from './ghostsConformance.js';
import { graphConformance } from './graphConformance.js';
import { jobsConformance } from './jobsConformance.js';
import { linksConformance } from './linksConformance.js';
import { uploadsConformance } from './uploadsConformance.js';
import { membersConformance } from './membersConformance.js';
import { messagesConformance } from './messagesConformance.js';
import { messageEditsConformance } from './messageEditsConformance.js';
import { messageMarksConformance } from './messageMarksConformance.js';
import { reactionsConformance } from './reactionsConformance.js';
import { reportsConformance } from './reportsConformance.js';
import { requestsConformance } from './requestsConformance.js';
import { roomsConformance } from './roomsConformance.js';
import { secretsConformance } from './secretsConformance.js';
import { sendConformance } from './sendConformance.js';
import { sessionsConformance } from './sessionsConformance.js';
import { shadowViewsConformance } from './shadowViewsConformance.js';
import { shadowsConformance } from './shadowsConformance.js';
import { socketTicketsConformance } from './socketTicketsConformance.js';
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
    // One line per storage area (ports/tx.ts); shadowViews and send cover reads that span areas.
    usersConformance(store);
    sessionsConformance(store);
    socketTicketsConformance(store);
    secretsConformance(store);
    graphConformance(store);
    conversationsConformance(store);
    membersConformance(store);
    messagesConformance(store);
    eventsConformance(store);
    requestsConformance(store);
    ghostsConformance(store);
    shadowsConformance(store);
    shadowViewsConformance(store);
    reportsConformance(store);
    auditConformance(store);
    sendConformance(store);
    roomsConformance(store);
    jobsConformance(store);
    linksConformance(store);
    uploadsConformance(store);
    audioConformance(store);
    backstageConformance(store);
    questionsConformance(store);
    accountsConformance(store);
    messageEditsConformance(store);
    reactionsConformance(store);
    messageMarksConformance(store);
  });
}
