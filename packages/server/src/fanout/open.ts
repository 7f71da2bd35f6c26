import type { Config } from '../config/config.js';
import type { Store } from '../storage/store.js';
import type { Bus } from './bus.js';
import { createLocalBus } from './localBus.js';

/** The in-process bus by default; NATS when `BACKCHANNEL_NATS_URL` is set. */
export async function openBus(config: Pick<Config, 'natsUrl'>, store: Store): Promise<Bus> {
  const startPos = await store.read.headPos();
  if (config.natsUrl) {
    // TODO(scale-out): the NATS bus lands in fanout/natsBus.ts; resolved at run time until then.
    const specifier = './natsBus.js';
    const { createNatsBus } = (await import(specifier)) as { createNatsBus: (o: { url: string; store: Store; startPos: number }) => Promise<Bus> };
    return createNatsBus({ url: config.natsUrl, store, startPos });
  }
  return createLocalBus(startPos);
}
