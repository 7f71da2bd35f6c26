import { BackchannelError, type OutboxEntry } from '@backchannel/sdk';
import { describe, expect, it, vi } from 'vitest';
import { describeError, waitLabel } from '../core/describe.js';
import { outboxAction } from '../features/conversation/controller.js';
import { AppController, type KeyValueStorage } from './controller.js';
import { conversation, ME, message } from '../test/fixtures.js';

const storage = (): KeyValueStorage => {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
};

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({ clientMessageId: 'x', conversationId: 'c1', text: 'hi', status: 'pending', attempts: 0, message: null, error: null, ...over });

describe('outboxAction', () => {
  it('maps the SDK’s pending, sent and failed snapshots to store actions', () => {
    expect(outboxAction(entry({}), 'T')).toEqual({ type: 'outbox.pending', entry: { clientMessageId: 'x', conversationId: 'c1', text: 'hi', state: 'pending', createdAt: 'T' } });
    const m = message(3, { clientMessageId: 'x' });
    expect(outboxAction(entry({ status: 'sent', message: m }), 'T')).toEqual({ type: 'outbox.sent', clientMessageId: 'x', message: m });
    const failed = outboxAction(entry({ status: 'failed', error: new BackchannelError('cannot_message', 'no') }), 'T');
    expect(failed).toEqual({ type: 'outbox.failed', clientMessageId: 'x', error: 'This person doesn’t accept messages from you.', code: 'cannot_message' });
  });
});

describe('describeError', () => {
  it('gives people a sentence, not a code', () => {
    expect(describeError(new BackchannelError('network_error', 'x'))).toMatch(/connection/);
    expect(describeError(new BackchannelError('username_taken', 'x'))).toMatch(/taken/);
    expect(describeError(new TypeError('boom'))).toBe('Something went wrong. Please try again.');
  });
});

describe('waits', () => {
  it('says how long to wait from retryAfterMs, rounded up', () => {
    expect(waitLabel(undefined)).toBe('in a moment');
    expect(waitLabel(1500)).toBe('in 2 seconds');
    expect(waitLabel(61_000)).toBe('in 2 minutes');
    expect(waitLabel(3 * 3600_000 - 1)).toBe('in about 3 hours');
  });

  it('puts the wait into budget and rate-limit errors', () => {
    expect(describeError(new BackchannelError('request_budget', 'x', { status: 429, retryAfterMs: 2 * 3600_000 }))).toMatch(/Try again in about 2 hours\.$/);
    expect(describeError(new BackchannelError('rate_limited', 'x', { status: 429, retryAfterMs: 30_000 }))).toMatch(/in 30 seconds/);
    expect(describeError(new BackchannelError('request_pending', 'x'))).toMatch(/once they do/);
  });
});

describe('a request accepted', () => {
  it('retries the sends it refused with request_pending, and no other failed send', () => {
    const controller = new AppController('http://backchannel.test', storage());
    controller.store.dispatch({ type: 'session.started', me: ME });
    controller.store.dispatch({ type: 'conversations.loaded', list: 'inbox', conversations: [conversation(), conversation({ id: 'c2' })] });
    const fail = (id: string, conversationId: string, code: string) => {
      controller.store.dispatch({ type: 'outbox.pending', entry: { clientMessageId: id, conversationId, text: id, state: 'pending', createdAt: '2021-07-01T10:00:00.000Z' } });
      controller.store.dispatch({ type: 'outbox.failed', clientMessageId: id, error: 'no', code });
    };
    fail('waiting-1', 'c1', 'request_pending');
    fail('waiting-2', 'c1', 'request_pending');
    fail('too-long', 'c1', 'too_large');
    fail('elsewhere', 'c2', 'request_pending');
    const retry = vi.spyOn(controller.conversation, 'retry').mockImplementation(() => undefined);
    controller.receive({ type: 'request.accepted', pos: 'p7', data: { conversationId: 'c1', userId: 'bob' } });
    expect(retry.mock.calls.map(([id]) => id).sort()).toEqual(['waiting-1', 'waiting-2']);
  });
});
