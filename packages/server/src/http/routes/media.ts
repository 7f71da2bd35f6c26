/**
 * Uploads and media over HTTP (docs/subsystems/media.md). `POST /v1/uploads` takes the raw image as
 * the body (any content type: the bytes decide), read as a stream and refused with 413 as soon as
 * it passes the cap. `GET /v1/media/{id}/{full|thumb}?t=` serves our copy to whoever may see it,
 * checked on every fetch; `GET /v1/media/token` gives the short-lived token those URLs need.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MediaParams, MediaQuery, MediaTokenResponse, UploadResponse } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
import { DomainError, notFound } from '../../domain/errors.js';
import type { MediaTokens } from '../../domain/media/mediaTokens.js';
import { mediaFor } from '../../domain/media/readMedia.js';
import { thumbKey, uploadImage } from '../../domain/media/uploadImage.js';
import { presentAttachment } from '../../domain/present.js';
import type { BlobStore } from '../../media/blobStore.js';
import type { ImageLimits } from '../../media/processImage.js';
import type { RateLimiter } from '../../lib/rateLimiter.js';
import type { RouteContext } from './context.js';

export interface MediaContext {
  blobs: BlobStore;
  tokens: MediaTokens;
  limits: ImageLimits & { maxBytes: number };
  uploads: RateLimiter;
}

/** The body, read while it arrives; past `max` bytes the request is answered 413 without reading the rest. */
async function readCapped(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      // Stop reading; the answer goes out with `Connection: close` and the socket ends after it.
      stream.pause();
      throw new DomainError('too_large', `An image upload is at most ${max} bytes.`, { max });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function mediaRoutes(app: FastifyInstance, { deps, auth }: RouteContext, m: MediaContext): Promise<void> {
  await app.register(async (scope) => {
    // Only in this scope: every content type arrives as the raw stream (the JSON parser stays elsewhere).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void) => done(null, payload));
    scope.post(
      '/v1/uploads',
      {
        schema: {
          tags: ['media'],
          operationId: 'uploadImage',
          summary: 'Upload an image (the raw bytes as the body, any content type); send it with a message by its id',
          description: 'Typed by its bytes (JPEG, PNG, GIF, WebP), re-encoded without metadata; `413 too_large` as soon as the body passes `uploadMaxImageBytes`.',
          response: { 201: UploadResponse },
          errors: ['unsupported_media', 'too_large', 'rate_limited'],
        },
        preHandler: auth,
        bodyLimit: m.limits.maxBytes + 1,
      },
      async (req, reply) => {
        const v = m.uploads.take(req.actor.user.id);
        if (!v.ok) throw new DomainError('rate_limited', 'Too many uploads; wait a little.', { retryAfterMs: v.retryAfterMs });
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > m.limits.maxBytes) throw new DomainError('too_large', `An image upload is at most ${m.limits.maxBytes} bytes.`, { max: m.limits.maxBytes });
        const body = req.body as Readable | undefined;
        let bytes: Buffer;
        try {
          bytes = body ? await readCapped(body, m.limits.maxBytes) : Buffer.alloc(0);
        } catch (err) {
          void reply.header('connection', 'close');
          throw err;
        }
        const row = await uploadImage(deps, m.blobs, m.limits, req.actor.user, bytes);
        return reply.code(201).send({ upload: presentAttachment(row) });
      },
    );
  });

  app.get('/v1/media/token', { schema: { tags: ['media'], operationId: 'mediaToken', summary: 'A token for media URLs (`?t=`), bound to you, valid 15 minutes', response: { 200: MediaTokenResponse }, errors: [] }, preHandler: auth }, async (req) => {
    const t = m.tokens.issue(req.actor.user.id, deps.clock.now());
    return { token: t.token, expiresAt: new Date(t.expiresAt).toISOString() };
  });

  app.get<{ Params: Static<typeof MediaParams>; Querystring: Static<typeof MediaQuery> }>(
    '/v1/media/:id/:variant',
    {
      schema: {
        tags: ['media'],
        operationId: 'mediaFile',
        summary: 'An image we re-encoded (WebP), for members of the conversation it was sent in (its uploader before that)',
        description: 'Authenticated by the media token in `t` (an `<img>` cannot send the session header); access is checked for that person on every fetch.',
        security: [],
        // Loaded by browsers from `<img src>`, not by an SDK method.
        sdk: false,
        params: MediaParams,
        querystring: MediaQuery,
        response: { 200: { description: 'The image', content: { 'image/webp': { schema: { type: 'string', contentEncoding: 'binary' } } } } },
        errors: ['not_found'],
      },
    },
    async (req, reply) => {
      const userId = m.tokens.verify(req.query.t, deps.clock.now());
      // An expired or forged token looks like a missing image.
      if (userId === null) throw notFound('media');
      const upload = await mediaFor(deps, userId, req.params.id);
      const bytes = await m.blobs.get(req.params.variant === 'thumb' ? thumbKey(upload.id) : upload.id);
      if (!bytes) throw notFound('media');
      return reply
        .header('content-type', upload.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', `inline; filename="${upload.id}.webp"`)
        .header('cache-control', 'private, max-age=900')
        .header('cross-origin-resource-policy', 'same-origin')
        .send(bytes);
    },
  );
}
