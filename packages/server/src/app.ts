/**
 * Builds the whole server without listening (tests use it with port 0 or `inject`).
 * Wiring only: storage, bus, relay, router, HTTP routes, socket gateway, web app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { Config } from './config/config.js';
import type { Clock, Deps, Ids, PasswordHasher } from './domain/deps.js';
import { DomainError } from './domain/errors.js';
import type { Bus } from './fanout/bus.js';
import { limitsFrom } from './domain/limitsFrom.js';
import { loadStreamCursors } from './domain/auth/streamCursors.js';
import { SessionRouter } from './fanout/router.js';
import { registerSocket } from './gateway/socketServer.js';
import { OutputScheduler } from './gateway/outbound.js';
import { startSessionRecheck } from './gateway/sessionRecheck.js';
import { requireActor } from './http/auth.js';
import { registerJsonBodies } from './http/bodies.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { errorHandler } from './http/errors.js';
import { accountRoutes } from './http/routes/account.js';
import { swaggerOptions } from './http/openapi/document.js';
import { asyncapiDocument } from './http/asyncapi.js';
import { registerApiReference } from './http/openapi/reference.js';
import { authRoutes } from './http/routes/auth.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { conversationRoutes } from './http/routes/conversations.js';
import { messageActionRoutes } from './http/routes/messageActions.js';
import { healthRoutes } from './http/routes/health.js';
import { registerJobMetrics } from './jobs/metrics.js';
import type { JobRunner } from './jobs/runner.js';
import type { Resolver } from './links/policy.js';
import { createJobRunner } from './jobs/setup.js';
import { reportRoutes } from './http/routes/reports.js';
import { requestRoutes } from './http/routes/requests.js';
import { userRoutes } from './http/routes/users.js';
import { validatorCompiler } from './http/validation.js';
import { createMetrics } from './lib/metrics.js';
import { RateLimiter } from './lib/rateLimiter.js';
import { argon2Hasher, randomIds, systemClock } from './lib/system.js';
import type { Store } from './storage/store.js';
import { openStore } from './storage/open.js';
import { openBus } from './fanout/open.js';
import { HallwayFeed } from './gateway/hallwayFeed.js';
import { RoomPresence } from './gateway/roomPresence.js';
import { roomRoutes } from './http/routes/rooms.js';
import { backstageRoutes } from './http/routes/backstage.js';
import { presenceRoutes } from './http/routes/presence.js';
import { questionRoutes } from './http/routes/questions.js';
import { linkRoutes } from './http/routes/links.js';
import { mediaRoutes } from './http/routes/media.js';
import { loadMediaTokens } from './domain/media/mediaTokens.js';
import { diskBlobStore } from './media/blobStore.js';
import { audioIntegrationRoutes } from './http/routes/integrations.js';
import { builtinRooms, externalRooms } from './domain/audio/roomsPort.js';

export interface AppOverrides {
  clock?: Clock;
  ids?: Ids;
  hasher?: PasswordHasher;
  store?: Store;
  bus?: Bus;
  /** How the link-preview fetcher resolves names (tests inject one; never real DNS in tests). */
  resolver?: Resolver;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: Deps;
  router: SessionRouter;
  /** Background jobs after commit (jobs/runner.ts); tests on a fake clock call `jobs.runDue()`. */
  jobs: JobRunner;
  /** The live hallway's subscribers (gateway/hallwayFeed.ts). */
  hallway: HallwayFeed;
  /** Every route registered, documented or not (http/openapi/document.ts checks the documented ones). */
  routes: readonly RouteOptions[];
  /** Graceful shutdown: stop accepting, finish or release running jobs, close sockets with 1001, flush commits, close storage. */
  shutdown(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function defaultWebDir(): string | null {
  const candidate = path.resolve(here, '../../web/dist');
  return fs.existsSync(path.join(candidate, 'index.html')) ? candidate : null;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<BuiltApp> {
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? (await openStore(config));
  const bus = overrides.bus ?? (await openBus(config, store));
  let socketCount = () => 0;
  const metrics = createMetrics(() => socketCount());
  store.onCommitted((events) => {
    metrics.commits.observe(events.length);
    metrics.eventsPublished.inc(events.length);
    bus.publish(events);
  });
  const deps: Deps = {
    store,
    clock,
    ids: overrides.ids ?? randomIds,
    hasher: overrides.hasher ?? argon2Hasher(config.hashConcurrency, config.hashQueueMax),
    limits: limitsFrom(config),
    bus,
    cursors: await loadStreamCursors(store, clock),
  };
  const router = new SessionRouter(store.read, bus, deps.cursors, { roomCountsIntervalMs: config.roomCountsIntervalMs, roomQaVotesIntervalMs: config.roomQaVotesIntervalMs });

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Never log tokens (header or socket query string) or bodies.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.replace(/token=[^&]*/g, 'token=[redacted]'), id: req.id }),
            },
          },
    genReqId: () => deps.ids.id().slice(0, 12),
    bodyLimit: 256 * 1024,
    trustProxy: true,
  });
  app.setErrorHandler(errorHandler);
  app.setValidatorCompiler(validatorCompiler);
  registerJsonBodies(app);
  registerSecurityHeaders(app, { publicUrl: config.publicUrl });

  // Every route, for the document rules test (http/openapi/document.ts › documentRuleViolations).
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => void routes.push(route));
  await app.register(fastifySwagger, swaggerOptions());
  await registerApiReference(app);
  // permessage-deflate stays off: events are framed once and the same bytes go to every socket
  // (fanout/wireFrame.ts); per-socket compression would re-encode each frame per listener.
  await app.register(fastifyWebsocket, { options: { maxPayload: config.maxFrameBytes, perMessageDeflate: false } });

  // Work after commit, shared by every node through the jobs table: the request-expiry sweep
  // (unanswered requests expire even if their recipient never looks) and the table's own pruning.
  let jobsRunning = () => 0;
  const jobObserver = registerJobMetrics(metrics.registry, { jobs: store.read.jobs, clock, running: () => jobsRunning() });
  // Built-in: people drive rooms here; external: the audio service does, through signed webhooks (docs/subsystems/rooms.md).
  const rooms = config.roomsMode === 'external' ? externalRooms(deps) : builtinRooms(deps);
  // The rooms sweep (rooms left without staff end, presence no node vouches for ends, old replays go:
  // sweepRooms.ts; external mode: roomsPort.ts) is a recurring job, on one node per interval (jobs/roomSweep.ts).
  const blobs = diskBlobStore(path.join(config.dataDir, 'media'));
  const jobs = createJobRunner(deps, config, { observer: jobObserver, log: app.log, resolver: overrides.resolver, roomSweep: () => rooms.sweep(), blobs });
  jobsRunning = () => jobs.running;
  await jobs.start();
  let shuttingDown = false;
  const authLimiter = new RateLimiter(clock, config.authAttemptsPerMinute);
  const userWrites = new RateLimiter(clock, config.userWritesPerMinute);
  const writeLimit = (userId: string) => {
    const v = userWrites.take(userId);
    if (!v.ok) throw new DomainError('rate_limited', 'Slow down.', { retryAfterMs: v.retryAfterMs });
  };
  const roomHands = new RateLimiter(clock, config.roomHandsPerMinute);
  const roomPresence = new RoomPresence(deps, (err) => app.log.warn({ err }, 'room presence update failed'), undefined, (user, roomId) => rooms.presenceLapsed(user, roomId));
  // The live hallway: changed rooms, read once per tick, to every `hallway.subscribe` socket (gateway/hallwayFeed.ts).
  const hallway = new HallwayFeed(store.read, config.roomCountsIntervalMs, () => clock.now(), (err) => app.log.warn({ err }, 'hallway update failed'));
  router.roomWatchers.push((o) => hallway.observe(o));
  const ctx = { deps, auth: requireActor(deps), authLimiter, writeLimit, roomHands, rooms };
  healthRoutes(app, store, () => shuttingDown);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  conversationRoutes(app, ctx);
  messageActionRoutes(app, ctx);
  requestRoutes(app, ctx);
  reportRoutes(app, ctx);
  roomRoutes(app, ctx);
  backstageRoutes(app, ctx);
  presenceRoutes(app, ctx);
  questionRoutes(app, ctx);
  linkRoutes(app, ctx);
  accountRoutes(app, ctx);
  await mediaRoutes(app, ctx, {
    blobs,
    tokens: await loadMediaTokens(store, clock),
    limits: { maxBytes: config.uploadMaxImageBytes, maxInputPixels: config.uploadMaxImagePixels, maxSide: config.uploadImageMaxSide, thumbSide: 400 },
    uploads: new RateLimiter(clock, config.uploadsPerMinute),
  });
  tokenRoutes(app, ctx);
  if (config.roomsMode === 'external') {
    await audioIntegrationRoutes(app, deps, { current: config.audioWebhookSecret!, previous: config.audioWebhookPreviousSecret, maxSkewMs: config.audioWebhookMaxSkewSeconds * 1000 });
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const socketDocument = asyncapiDocument();
  app.get('/asyncapi.json', { schema: { hide: true } }, async () => socketDocument);
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  const ownOrigins = new Set(config.allowedOrigins);
  const { connections } = registerSocket(
    app,
    { deps, config, router, bus, userWrites, socketOps: new RateLimiter(clock, config.socketOpsPerMinute), roomHands, roomPresence, hallway, output: new OutputScheduler(config.roomFlushMs), log: app.log },
    {
      isOriginAllowed(origin, host) {
        if (origin === undefined) return true; // non-browser clients (SDK in Node, bots)
        if (ownOrigins.has(origin)) return true;
        // The server's own origin, whatever host name the user typed.
        try {
          return host !== undefined && new URL(origin).host === host;
        } catch {
          return false;
        }
      },
    },
  );

  socketCount = () => connections.size;
  const stopRecheck = startSessionRecheck(connections, deps, config.sessionRecheckSeconds * 1000, (err) => app.log.warn({ err }, 'session recheck failed'));

  const webDir = config.webDir ?? defaultWebDir();
  if (webDir) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, maxAge: '1h' });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/v1/') && (req.headers.accept ?? '').includes('text/html')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply.code(404).send({ code: 'not_found', message: 'No such route.' });
    });
  } else {
    app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: 'not_found', message: 'No such route.' }));
  }

  return {
    app,
    deps,
    router,
    jobs,
    hallway,
    routes,
    async shutdown() {
      shuttingDown = true;
      stopRecheck();
      roomPresence.close();
      hallway.close();
      router.rooms.close();
      for (const c of connections) c.close(1001, 'server going away');
      // Jobs in flight finish (or are released for another node) while storage is still open.
      await Promise.all([jobs.stop(Math.floor(config.shutdownGraceMs / 2)), app.close()]);
      await bus.close();
      await store.close();
    },
  };
}
