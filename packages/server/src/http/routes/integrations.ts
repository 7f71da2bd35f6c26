/**
 * Server-to-server: the audio service's signed webhooks (docs/api/audio-webhooks.md, ADR 0009).
 * Registered (and so in `/openapi.json`) only in external rooms mode (`BACKCHANNEL_ROOMS_MODE=external`);
 * a standalone install has no such route.
 *
 * The signature covers the exact bytes received, so this route has its own JSON parser (in its
 * own Fastify scope): it verifies the signature over the raw body first, then parses it with the
 * same safe parser as every other route. An unsigned request answers `bad_signature` whatever its
 * body. The body is then checked against the event's protocol schema: an unknown `type` is
 * `unknown_event_type`, anything else wrong is `bad_request` naming the field.
 */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import {
  AUDIO_EVENT_TYPES,
  AUDIO_SIGNATURE_HEADER,
  AudioEvent,
  AudioEventHeaders,
  AudioEventResult,
  AudioParticipantJoined,
  AudioParticipantLeft,
  AudioRoleChanged,
  AudioRoomEnded,
  AudioRoomStarted,
  AudioSpeakingChanged,
  type AudioEventType,
} from '@backchannel/protocol/schemas';
import { applyAudioEvent } from '../../domain/audio/applyAudioEvent.js';
import { verifyAudioWebhook, type WebhookSecrets } from '../../domain/audio/signature.js';
import type { Deps } from '../../domain/deps.js';
import { DomainError } from '../../domain/errors.js';
import { parseBody } from '../bodies.js';
import { InvalidInput, validatorCompiler } from '../validation.js';

const SCHEMA_OF: Record<AudioEventType, TSchema> = {
  'room.started': AudioRoomStarted,
  'room.ended': AudioRoomEnded,
  'participant.joined': AudioParticipantJoined,
  'participant.left': AudioParticipantLeft,
  'role.changed': AudioRoleChanged,
  'speaking.changed': AudioSpeakingChanged,
};

const isEventType = (t: unknown): t is AudioEventType => typeof t === 'string' && (AUDIO_EVENT_TYPES as readonly string[]).includes(t);

/** The body is checked by its `type`'s schema, so a refusal names the real field (not "one of six"). */
const validateEvent = (() => {
  const checks = new Map(AUDIO_EVENT_TYPES.map((t) => [t, validatorCompiler({ schema: SCHEMA_OF[t], httpPart: 'body', method: 'POST', url: '' })]));
  return (data: unknown) => {
    const type = (data as { type?: unknown } | null)?.type;
    if (type === undefined || typeof type !== 'string') return { error: new InvalidInput('body', 'type', 'Invalid field type: the event type is required.') };
    if (!isEventType(type)) return { error: new DomainError('unknown_event_type', `Unknown event type ${JSON.stringify(type.slice(0, 64))}.`, { type: type.slice(0, 64), known: AUDIO_EVENT_TYPES }) };
    return checks.get(type)!(data);
  };
})();

const routeValidator: FastifySchemaCompiler<TSchema> = (route) => (route.httpPart === 'body' ? validateEvent : validatorCompiler(route));

export async function audioIntegrationRoutes(app: FastifyInstance, deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>, secrets: WebhookSecrets): Promise<void> {
  await app.register(async (scope) => {
    const verified = new WeakSet<object>();
    scope.setValidatorCompiler(routeValidator);
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      try {
        verifyAudioWebhook(req.headers[AUDIO_SIGNATURE_HEADER], body as string, secrets, deps.clock.now());
        verified.add(req.raw);
        done(null, parseBody(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    // No body (so no parser ran) means no signature was checked: refuse before anything else.
    scope.addHook('preValidation', async (req) => {
      if (!verified.has(req.raw)) verifyAudioWebhook(req.headers[AUDIO_SIGNATURE_HEADER], '', secrets, deps.clock.now());
    });
    scope.post(
      '/v1/integrations/audio/events',
      {
        schema: {
          tags: ['integrations'],
          operationId: 'audioEvent',
          summary: 'Audio service webhook: one signed room event (server-to-server)',
          sdk: false,
          errors: ['bad_signature', 'stale_timestamp', 'unknown_event_type', 'invalid_text', 'not_found', 'not_in_room', 'room_ended', 'forbidden'],
          description:
            'See docs/api/audio-webhooks.md. Signed with a shared secret: `Backchannel-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Idempotent on the event `id`; retry on 5xx, 404 (room not started yet) and network errors with the same body and a fresh signature.',
          security: [],
          headers: AudioEventHeaders,
          body: AudioEvent,
          response: { 200: AudioEventResult },
        },
      },
      async (req) => applyAudioEvent(deps, req.body as AudioEvent),
    );
  });
}
