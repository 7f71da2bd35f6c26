import type { Config } from '../config/config.js';
import type { Deps } from '../domain/deps.js';
import type { Bus } from '../fanout/bus.js';
import type { SessionRouter } from '../fanout/router.js';
import type { RateLimiter } from '../lib/rateLimiter.js';
import type { FastifyBaseLogger } from 'fastify';
import type { HallwayFeed } from './hallwayFeed.js';
import type { OutputScheduler } from './outbound.js';
import type { RoomPresence } from './roomPresence.js';

/** What socket op handlers may use. */
export interface GatewayContext {
  deps: Deps;
  config: Pick<Config, 'maxQueuedBytes' | 'resumeMaxEvents' | 'heartbeatMs' | 'maxFrameBytes' | 'maxSocketsPerUser' | 'socketOpsPerMinute' | 'roomFlushMs'>;
  router: SessionRouter;
  bus: Bus;
  userWrites: RateLimiter;
  socketOps: RateLimiter;
  /** Hand raises/lowers per user, shared with HTTP. */
  roomHands: RateLimiter;
  roomPresence: RoomPresence;
  /** The live hallway (`hallway.subscribe`). */
  hallway: HallwayFeed;
  /** When queued frames leave (gateway/outbound.ts). */
  output: OutputScheduler;
  log: FastifyBaseLogger;
}
