/**
 * Builds and stores a report inside the caller's transaction. The context is the reported message
 * and at most four messages before it that the reporter could see (they must be a member now); for
 * a room chat message, the room and the chat around it (domain/rooms/reportTarget.ts);
 * a target the reporter cannot see is `not_found`. The same reporter reporting the same target
 * again gets the first report back (idempotent). The reported person is never told: no event.
 */
import type { Message, ReportReason, ReportReceipt, ReportTarget } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { ReportRow } from '../../storage/store.js';
import { reportedRoomMessage } from '../rooms/reportTarget.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessConversation, accessMessage, accessUser } from '../visibility/access.js';
import { presentMessage } from '../present.js';
import { reportWithdrawMs, withdrawableUntil } from './withdrawReport.js';

const CONTEXT_BEFORE = 4;

export function presentReceipt(r: ReportRow, windowMs: number, now: number): ReportReceipt {
  const until = withdrawableUntil(r, windowMs, now);
  return { id: r.id, state: r.state, createdAt: new Date(r.createdAt).toISOString(), withdrawableUntil: until === null ? null : new Date(until).toISOString() };
}

async function lastMessages(tx: Tx, conversationId: string, before?: number): Promise<Message[]> {
  const rows = await tx.messages.history(conversationId, { ...(before !== undefined ? { before: before + 1 } : {}), limit: CONTEXT_BEFORE + 1 });
  return rows.map(presentMessage);
}

interface Resolved {
  targetKey: string;
  reportedUserId: string | null;
  conversationId: string | null;
  context: Message[];
  room?: ReportRow['room'];
}

async function resolveTarget(tx: Tx, me: UserRow, target: ReportTarget, reportedHint: string | null): Promise<Resolved> {
  switch (target.kind) {
    case 'message': {
      const { message: msg } = await accessMessage(tx, me.id, target.messageId);
      if (msg.senderId === me.id) throw new DomainError('self_action', 'You cannot report your own message.');
      return { targetKey: msg.id, reportedUserId: msg.senderId, conversationId: msg.conversationId, context: await lastMessages(tx, msg.conversationId, msg.seq) };
    }
    case 'conversation': {
      const { conversation: c } = await accessConversation(tx, me.id, target.conversationId);
      const pair = c.kind === 'direct' ? await tx.conversations.directPair(c.id) : null;
      const other = pair ? (pair[0] === me.id ? pair[1] : pair[0]) : null;
      return { targetKey: c.id, reportedUserId: reportedHint ?? other, conversationId: c.id, context: await lastMessages(tx, c.id) };
    }
    case 'room_message': {
      const { senderId, room } = await reportedRoomMessage(tx, me, target.roomId, target.messageId);
      return { targetKey: target.messageId, reportedUserId: senderId, conversationId: null, context: [], room };
    }
    case 'user': {
      if (target.userId === me.id) throw new DomainError('self_action', 'You cannot report yourself.');
      const u = await accessUser(tx, target.userId);
      // Context: the end of our 1:1, if I am in it.
      const direct = await tx.conversations.directId(me.id, u.id);
      const visible = direct && (await tx.members.get(direct, me.id)) ? direct : null;
      return { targetKey: u.id, reportedUserId: u.id, conversationId: visible, context: visible ? await lastMessages(tx, visible) : [] };
    }
  }
}

export async function buildReport(
  // `limits` is optional so callers that never read it (requests/blockRequest.ts) need not name it.
  deps: Pick<Deps, 'clock' | 'ids'> & Partial<Pick<Deps, 'limits'>>,
  tx: Tx,
  me: UserRow,
  target: ReportTarget,
  input: { reason: ReportReason; note?: string },
  reportedHint: string | null = null,
): Promise<{ receipt: ReportReceipt; created: boolean; reportedUserId: string | null }> {
  const resolved = await resolveTarget(tx, me, target, reportedHint);
  const windowMs = reportWithdrawMs(deps.limits);
  const existing = await tx.reports.byKey(me.id, target.kind, resolved.targetKey);
  if (existing) return { receipt: presentReceipt(existing, windowMs, deps.clock.now()), created: false, reportedUserId: existing.reportedUserId };
  const row: ReportRow = {
    id: deps.ids.id(),
    reporterId: me.id,
    target,
    targetKey: resolved.targetKey,
    reportedUserId: resolved.reportedUserId,
    conversationId: resolved.conversationId,
    reason: input.reason,
    note: (input.note ?? '').normalize('NFC').trim(),
    context: resolved.context,
    room: resolved.room ?? null,
    state: 'open',
    createdAt: deps.clock.now(),
    resolvedAt: null,
    resolvedBy: null,
  };
  await tx.reports.insert(row);
  return { receipt: presentReceipt(row, windowMs, row.createdAt), created: true, reportedUserId: row.reportedUserId };
}
