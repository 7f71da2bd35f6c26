/**
 * The link fetcher: one GET, following at most `maxRedirects` redirects, each hop vetted again
 * (links/policy.ts) and connected to the checked address itself (the socket is opened to the IP,
 * the name goes only into the Host header and TLS SNI/certificate check), so DNS rebinding cannot
 * swap the address after the check. A fresh connection per hop (no agent, no pooling), no cookies,
 * an honest User-Agent. Caps: one total deadline (slow-loris servers end there), and a byte cap on
 * the body after decompression (gzip bombs stop at the cap), checked while bytes arrive.
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { FetchRefused, vetUrl, type FetchPolicy, type VettedTarget } from './policy.js';

export interface FetchRequest {
  url: string | URL;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  accept: string;
  /** Checks the response's media type (lowercase, no parameters) before the body is read. */
  acceptType?: (mediaType: string | null) => boolean;
  signal?: AbortSignal;
}

export interface Fetched {
  /** The URL after redirects. */
  url: URL;
  mediaType: string | null;
  /** The `charset` parameter of Content-Type, if any. */
  charset: string | null;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(policy: FetchPolicy, req: FetchRequest): Promise<Fetched> {
  const deadline = AbortSignal.timeout(policy.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  let next: string | URL = req.url;
  for (let hop = 0; hop <= policy.maxRedirects; hop++) {
    const target = await withDeadline(vetUrl(policy, next), signal);
    const res = await open(policy, target, req.accept, signal);
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      const location = res.headers.location;
      res.destroy();
      if (!location) throw new FetchRefused('status', `redirect ${status} without Location`);
      try {
        next = new URL(location, target.url);
      } catch {
        throw new FetchRefused('bad_url', 'redirect to a malformed URL');
      }
      continue;
    }
    if (status < 200 || status > 299) {
      res.destroy();
      throw new FetchRefused('status', `answered ${status}`);
    }
    const { mediaType, charset } = contentType(res.headers['content-type']);
    if (req.acceptType && !req.acceptType(mediaType)) {
      res.destroy();
      throw new FetchRefused('content_type', `content type ${mediaType ?? '(none)'} is not fetched`);
    }
    const declared = Number(res.headers['content-length']);
    const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding === 'identity' && Number.isFinite(declared) && declared > req.maxBytes) {
      res.destroy();
      throw new FetchRefused('too_large', `declares ${declared} bytes`);
    }
    const body = await readCapped(decoded(res, encoding), req.maxBytes, signal, res);
    return { url: target.url, mediaType, charset, body };
  }
  throw new FetchRefused('redirects', `more than ${policy.maxRedirects} redirects`);
}

function contentType(header: string | undefined): { mediaType: string | null; charset: string | null } {
  if (!header) return { mediaType: null, charset: null };
  const [type, ...params] = header.split(';');
  const charset = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('charset='));
  return { mediaType: type!.trim().toLowerCase() || null, charset: charset ? charset.slice(8).trim().replace(/^"|"$/g, '') : null };
}

function open(policy: FetchPolicy, t: VettedTarget, accept: string, signal: AbortSignal): Promise<http.IncomingMessage> {
  const secure = t.url.protocol === 'https:';
  const named = t.url.hostname.replace(/^\[|\]$/g, '') !== t.address;
  const options: https.RequestOptions = {
    // The pinned address: no lookup happens on this connection.
    host: t.address,
    family: t.family,
    port: t.port,
    path: `${t.url.pathname}${t.url.search}`,
    method: 'GET',
    agent: false,
    signal,
    headers: {
      host: t.url.host,
      'user-agent': policy.userAgent,
      accept,
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'en;q=0.9, *;q=0.5',
    },
    // The certificate is checked against the name (SNI only for names, never for IP literals).
    ...(secure && named ? { servername: t.url.hostname.replace(/\.$/, '') } : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(options, resolve);
    request.on('error', (err) => reject(failure(err, signal)));
    request.end();
  });
}

function decoded(res: http.IncomingMessage, encoding: string): Readable {
  switch (encoding) {
    case 'identity':
      return res;
    case 'gzip':
    case 'x-gzip':
      return pipeline(res, zlib.createGunzip(), ignore);
    case 'deflate':
      return pipeline(res, zlib.createInflate(), ignore);
    case 'br':
      return pipeline(res, zlib.createBrotliDecompress(), ignore);
    default:
      res.destroy();
      throw new FetchRefused('content_type', `content encoding ${encoding} is not supported`);
  }
}

/** Errors surface through the last stream of a pipeline, which `readCapped` reads. */
const ignore = () => undefined;

async function readCapped(stream: Readable, maxBytes: number, signal: AbortSignal, res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const onAbort = () => stream.destroy(new FetchRefused('timeout', 'the deadline passed'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new FetchRefused('too_large', `more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    throw failure(err, signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
    stream.destroy();
    res.destroy();
  }
}

function failure(err: unknown, signal: AbortSignal): FetchRefused {
  if (err instanceof FetchRefused) return err;
  if (signal.aborted) return new FetchRefused('timeout', 'the deadline passed');
  return new FetchRefused('network', (err as Error).message);
}

function withDeadline<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new FetchRefused('timeout', 'the deadline passed'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new FetchRefused('timeout', 'the deadline passed'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
