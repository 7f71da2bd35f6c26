import type { preHandlerAsyncHookHandler } from 'fastify';
import type { RoomsPort } from '../../domain/audio/roomsPort.js';
import type { Deps } from '../../domain/deps.js';
import type { RateLimiter } from '../../lib/rateLimiter.js';

export interface RouteContext {
  deps: Deps;
  /** preHandler that authenticates and sets `req.actor`. */
  auth: preHandlerAsyncHookHandler;
  authLimiter: RateLimiter;
  /** Per-user limit on writes, shared with the socket. */
  writeLimit: (userId: string) => void;
  /** Hand raises/lowers per user, shared with the socket. */
  roomHands: RateLimiter;
  /** Who drives rooms: people here (built-in) or the audio service (external); domain/audio/roomsPort.ts. */
  rooms: RoomsPort;
}
