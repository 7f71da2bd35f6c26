/** Shared setup of the audio webhook tests: signed posts as the audio service would send them. */
import type { AudioEventResult } from '@backchannel/protocol';
import type { TestServer } from '../../testing/harness.js';
import { signAudioWebhook } from './signature.js';

export const SECRET = 'current-secret-0123456789abcdef0123456789';
export const OLD_SECRET = 'previous-secret-0123456789abcdef012345678';

export interface Hook {
  status: number;
  body: AudioEventResult & { code?: string; details?: Record<string, unknown> };
}

let n = 0;
export const eventId = () => `evt_${process.pid}_${++n}`;
export const extRoomId = () => `aud-room-${process.pid}-${++n}`;

/** Posts `raw` (a string is sent as is) signed with `secrets` at `atMs` (the server's clock by default). */
export async function postSigned(s: TestServer, raw: unknown, opts: { secrets?: string[]; atMs?: number; header?: string | null } = {}): Promise<Hook> {
  const body = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const t = Math.floor((opts.atMs ?? s.deps.clock.now()) / 1000);
  const header = opts.header === undefined ? signAudioWebhook(opts.secrets ?? [SECRET], body, t) : opts.header;
  const res = await fetch(`${s.url}/v1/integrations/audio/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'backchannel-signature': header }) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Hook['body'] };
}

/** An event as the audio service writes it (fresh id, `occurredAt` from the server's clock unless given). */
export function ev(s: TestServer, type: string, data: Record<string, unknown>, extra: { id?: string; occurredAt?: number } = {}) {
  return { id: extra.id ?? eventId(), type, occurredAt: extra.occurredAt ?? s.deps.clock.now(), data };
}
