import type { Config } from '../config/config.js';
import type { Store } from '../storage/store.js';
import type { Bus } from './bus.js';
import { createLocalBus } from './localBus.js';
import { createNatsBus } from './natsBus.js';

/** The in-process bus by default; NATS when `BACKCHANNEL_NATS_URL` is set. */
export async function openBus(config: Pick<Config, 'natsUrl' | 'natsSubjectPrefix'>, store: Store): Promise<Bus> {
  const startPos = await store.read.events.headPos();
  if (config.natsUrl) return createNatsBus({ url: config.natsUrl, store, startPos, subjectPrefix: config.natsSubjectPrefix });
  return createLocalBus(startPos);
}
