/**
 * Prometheus metrics (`GET /metrics`): process defaults plus the few numbers an operator of a
 * messaging server watches — open sockets, commits and their batch sizes, events fanned out.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  commits: Histogram;
  eventsPublished: Counter;
  sockets: Gauge;
}

export function createMetrics(socketCount: () => number): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commits: new Histogram({
      name: 'backchannel_commit_batch_events',
      help: 'Events per committed group-commit batch',
      buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000],
      registers: [registry],
    }),
    eventsPublished: new Counter({ name: 'backchannel_events_published_total', help: 'Committed events handed to the bus', registers: [registry] }),
    sockets: new Gauge({
      name: 'backchannel_sockets',
      help: 'Open WebSocket connections on this node',
      registers: [registry],
      collect() {
        this.set(socketCount());
      },
    }),
  };
}
