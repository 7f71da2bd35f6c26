/**
 * Link previews over HTTP (docs/subsystems/links.md): the sender removes a message's previews, and
 * anyone with an image's URL loads the copy we re-encoded. Preview image URLs are capabilities:
 * 128 random bits, served only as the image type we wrote, never sniffed, sandboxed.
 */
import type { FastifyInstance } from 'fastify';
import { LinkImageParams, MessageParams, MessageResponse } from '@backchannel/protocol/schemas';
import type { Static } from '@sinclair/typebox';
import { removePreviews } from '../../domain/messages/previews.js';
import { notFound } from '../../domain/errors.js';
import type { RouteContext } from './context.js';

export function linkRoutes(app: FastifyInstance, { deps, auth, writeLimit }: RouteContext): void {
  app.delete<{ Params: Static<typeof MessageParams> }>(
    '/v1/conversations/:id/messages/:messageId/previews',
    {
      schema: {
        tags: ['messages'],
        operationId: 'removePreviews',
        summary: 'Remove the link previews of your message, for everyone (members get `message.updated`)',
        params: MessageParams,
        response: { 200: MessageResponse },
        errors: ['not_found', 'forbidden', 'rate_limited'],
      },
      preHandler: auth,
    },
    async (req) => {
      writeLimit(req.actor.user.id);
      return { message: await removePreviews(deps, req.actor.user, req.params.id, req.params.messageId) };
    },
  );
  app.get<{ Params: Static<typeof LinkImageParams> }>(
    '/v1/link-previews/images/:id',
    {
      schema: {
        tags: ['messages'],
        operationId: 'linkPreviewImage',
        summary: 'A link preview\'s image, as we re-encoded it (WebP); the URL comes in `LinkPreview.image.url`',
        description: 'The URL is the capability (128 random bits): no token needed, so an `<img>` can load it.',
        security: [],
        // Loaded by browsers from `<img src>`, not by an SDK method.
        sdk: false,
        params: LinkImageParams,
        response: { 200: { description: 'The image', content: { 'image/webp': { schema: { type: 'string', contentEncoding: 'binary' } } } } },
        errors: ['not_found'],
      },
    },
    async (req, reply) => {
      const img = await deps.store.read.links.image(req.params.id);
      if (!img) throw notFound('image');
      return reply
        .header('content-type', img.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', 'inline; filename="preview.webp"')
        .header('cache-control', 'private, max-age=604800, immutable')
        .header('cross-origin-resource-policy', 'same-origin')
        .send(img.bytes);
    },
  );
}
