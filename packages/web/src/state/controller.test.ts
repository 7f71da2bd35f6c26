import { BackchannelError, type OutboxEntry } from '@backchannel/sdk';
import { describe, expect, it } from 'vitest';
import { describeError, outboxAction } from './controller.js';
import { message } from './fixtures.js';

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({ clientMessageId: 'x', conversationId: 'c1', text: 'hi', status: 'pending', attempts: 0, message: null, error: null, ...over });

describe('outboxAction', () => {
  it('maps the SDK’s pending, sent and failed snapshots to store actions', () => {
    expect(outboxAction(entry({}), 'T')).toEqual({ type: 'outbox.pending', entry: { clientMessageId: 'x', conversationId: 'c1', text: 'hi', state: 'pending', createdAt: 'T' } });
    const m = message(3, { clientMessageId: 'x' });
    expect(outboxAction(entry({ status: 'sent', message: m }), 'T')).toEqual({ type: 'outbox.sent', clientMessageId: 'x', message: m });
    const failed = outboxAction(entry({ status: 'failed', error: new BackchannelError('cannot_message', 'no') }), 'T');
    expect(failed).toEqual({ type: 'outbox.failed', clientMessageId: 'x', error: 'This person doesn’t accept messages from you.' });
  });
});

describe('describeError', () => {
  it('gives people a sentence, not a code', () => {
    expect(describeError(new BackchannelError('network_error', 'x'))).toMatch(/connection/);
    expect(describeError(new BackchannelError('username_taken', 'x'))).toMatch(/taken/);
    expect(describeError(new TypeError('boom'))).toBe('Something went wrong. Please try again.');
  });
});
