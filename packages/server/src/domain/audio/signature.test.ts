/** The webhook signature rules (docs/api/audio-webhooks.md, "Signing"), one function at a time. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { signAudioWebhook, verifyAudioWebhook, type WebhookSecrets } from './signature.js';

const secrets: WebhookSecrets = { current: 'c'.repeat(32), previous: 'p'.repeat(32), maxSkewMs: 300_000 };
const now = 1_764_770_401_000;
const body = '{"id":"evt_1","type":"room.ended","occurredAt":1,"data":{"roomId":"r"}}';

const codeOf = (header: string | string[] | undefined, raw = body, s = secrets, at = now): string | null => {
  try {
    verifyAudioWebhook(header, raw, s, at);
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'thrown';
  }
};

describe('verifyAudioWebhook', () => {
  it('matches the documented example', () => {
    const doc = '{"id":"evt_01HZX3","type":"participant.joined","occurredAt":1764770400123,"data":{"roomId":"aud-room-42","userId":"u_8fK2mQ","role":"speaker"}}';
    expect(signAudioWebhook(['whsec_example_0123456789abcdef0123456789'], doc, 1764770401)).toBe('t=1764770401,v1=e9c2bed0420e48d6e94efe4bbaa728cdf3cc1f560c484aefc001e308f09b0a32');
  });

  it('accepts either secret, ignores unknown schemes and spaces, and checks the skew only once signed', () => {
    const t = now / 1000;
    expect(codeOf(signAudioWebhook([secrets.current], body, t))).toBeNull();
    expect(codeOf(signAudioWebhook([secrets.previous!], body, t))).toBeNull();
    expect(codeOf(`v0=abc, ${signAudioWebhook([secrets.current], body, t).replace(',', ', ')}`)).toBeNull();
    // Without a previous secret configured, the old one is just wrong.
    expect(codeOf(signAudioWebhook([secrets.previous!], body, t), body, { ...secrets, previous: null })).toBe('bad_signature');
    expect(codeOf(signAudioWebhook([secrets.current], body, t - 301))).toBe('stale_timestamp');
    expect(codeOf(signAudioWebhook(['x'.repeat(32)], body, t - 301))).toBe('bad_signature');
  });

  it('refuses malformed headers as bad_signature', () => {
    const v1 = signAudioWebhook([secrets.current], body, now / 1000).split(',')[1]!;
    for (const h of [undefined, ['a', 'b'], '', 't=', `t=${now / 1000}`, v1, `t=1.5,${v1}`, `t=${now / 1000},t=${now / 1000},${v1}`, `t=${now / 1000},v1=${'A'.repeat(64)}`, `t=${now / 1000},${Array(9).fill(v1).join(',')}`, 'garbage']) {
      expect(codeOf(h), String(h)).toBe('bad_signature');
    }
  });
});
