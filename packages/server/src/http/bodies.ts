/**
 * Request bodies: JSON objects only, parsed by the safe parser (lib/safeJson.ts), which refuses
 * what JSON.parse lets through but we cannot store safely (huge numbers, deep nesting, lone
 * surrogates) with `bad_json`; zero bytes labelled JSON are not JSON either. A body that is JSON
 * but not an object is a wrong type: `bad_request` with `details.field: "body"`, as a wrong-typed
 * field would be. Any other content type (text/plain included, which browsers may send cross-site
 * without a preflight) gets the one "Send JSON" answer from http/errors.ts.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { BadJson, parseSafeJson } from '../lib/safeJson.js';

export function parseBody(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    if (text === '') throw new BadJson('the body is empty');
    value = parseSafeJson(text);
  } catch (err) {
    const e = new BadJson((err as Error).message);
    e.name = 'BadJson';
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('bad_request', 'The body must be a JSON object.', { field: 'body', in: 'body' });
  }
  return value as Record<string, unknown>;
}

export function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}


export interface DrainBounds {
  /** Bytes of the refused body read and thrown away before giving up on the client. */
  bytes: number;
  /** Time from the refusal after which the connection is closed, read or not. */
  ms: number;
}

/** A 10 MB upload on a fast link finishes well within both; a slow or endless one is cut off. */
export const DRAIN_BOUNDS: DrainBounds = { bytes: 32 * 1024 * 1024, ms: 10_000 };

/**
 * After refusing a body (413) before reading it, keep reading and discarding it, up to bounds.
 * Closing at once would leave the client's unsent bytes to meet a TCP reset, which can destroy
 * the 413 before a client that writes its whole body before reading (Node's fetch, often) sees
 * it (RFC 9112 §9.6). Once the body has been read, the connection is reusable as usual; past a
 * bound it is destroyed.
 */
export function drainRefusedBody(req: IncomingMessage, bounds: DrainBounds = DRAIN_BOUNDS): void {
  if (req.complete) return;
  let drained = 0;
  const stop = () => {
    clearTimeout(timer);
    req.off('data', onData);
  };
  const cutOff = () => {
    stop();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > bounds.bytes) cutOff();
  };
  const timer = setTimeout(cutOff, bounds.ms);
  timer.unref();
  req.on('data', onData);
  req.once('end', stop);
  req.socket.once('close', stop);
}
