/**
 * The in-process bus of a single node. On one node, commits happen in pos order and the relay
 * publishes each batch right after its COMMIT, so the feed is gapless by construction.
 */
import type { EventRow } from '../storage/store.js';
import type { Bus, BusHandlers, EphemeralSignal } from './bus.js';

export function createLocalBus(startPos: number): Bus {
  let handlers: BusHandlers | null = null;
  let delivered = startPos;
  return {
    publish(events: EventRow[]) {
      if (events.length === 0) return;
      delivered = events[events.length - 1]!.pos;
      handlers?.events(events);
    },
    publishEphemeral(signal: EphemeralSignal) {
      handlers?.ephemeral(signal);
    },
    subscribe(h: BusHandlers) {
      handlers = h;
    },
    deliveredPos: () => delivered,
    close: async () => {
      handlers = null;
    },
  };
}
