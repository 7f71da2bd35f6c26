/**
 * Block (and report + block) from a pending request: both silent to the sender. The recipient
 * leaves the conversation and blocks the sender in the same transaction, so a concurrent accept
 * either happened before (then this is not_found) or not at all.
 */
import type { ReportReceipt, ReportReason } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { buildReport } from '../reports/buildReport.js';
import { closeRequest, requirePending } from './resolveRequest.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids'>;

export async function blockRequest(deps: D, me: UserRow, conversationId: string): Promise<void> {
  await deps.store.write(async (tx) => {
    const p = await requirePending(deps, tx, me, conversationId);
    await closeRequest(deps, tx, p, 'blocked');
    if (p.senderId && p.senderId !== me.id) await tx.graph.setBlock(me.id, p.senderId, true, deps.clock.now());
  });
}

export async function reportRequest(deps: D, me: UserRow, conversationId: string, input: { reason: ReportReason; note?: string }): Promise<ReportReceipt> {
  return deps.store.write(async (tx) => {
    const p = await requirePending(deps, tx, me, conversationId);
    // The report is built first: its context is what the recipient could see while a member.
    const { receipt } = await buildReport(deps, tx, me, { kind: 'conversation', conversationId }, input, p.senderId);
    await closeRequest(deps, tx, p, 'reported');
    if (p.senderId && p.senderId !== me.id) await tx.graph.setBlock(me.id, p.senderId, true, deps.clock.now());
    return receipt;
  });
}
