/**
 * Builds and stores a report inside the caller's transaction. The context is the reported message
 * and at most four messages before it that the reporter could see (they must be a member now); for
 * a room chat message, the room and the chat around it (domain/rooms/reportTarget.ts);
 * a target the reporter cannot see is `not_found`. The same reporter reporting the same target
 * again gets the first report back (idempotent). The reported person is never told: no event.
 */
import type { Evidence, Message, ReportReason, ReportReceipt, ReportTarget } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { ReportRow } from '../../storage/store.js';
import { reportedRoomMessage } from '../rooms/reportTarget.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessConversation, accessMessage, accessUser } from '../visibility/access.js';
import { presentRows } from '../present.js';
import { reportWithdrawMs, withdrawableUntil } from './withdrawReport.js';

const CONTEXT_BEFORE = 4;

export function presentReceipt(r: ReportRow, windowMs: number, now: number): ReportReceipt {
  const until = withdrawableUntil(r, windowMs, now);
  return { id: r.id, state: r.state, createdAt: new Date(r.createdAt).toISOString(), withdrawableUntil: until === null ? null : new Date(until).toISOString() };
}

interface Context {
  context: Message[];
  evidence: Evidence[];
}

/**
 * The report's context as the reporter sees it, and the evidence behind it that members no longer
 * see: the earlier versions of edited messages, and the reporter's own "keep for reporting"
 * copies of messages unsent since (docs/subsystems/messages.md, "Evidence copy").
 */
async function lastMessages(tx: Tx, reporterId: string, now: number, conversationId: string, before?: number): Promise<Context> {
  const rows = await tx.messages.history(conversationId, { ...(before !== undefined ? { before: before + 1 } : {}), limit: CONTEXT_BEFORE + 1 });
  const context = await presentRows(tx, reporterId, conversationId, rows);
  const evidence: Evidence[] = [];
  const kept = new Map((await tx.messageMarks.kept(conversationId, reporterId, rows.filter((m) => m.tombstone).map((m) => m.seq), now)).map((k) => [k.seq, k]));
  for (const m of rows) {
    const k = kept.get(m.seq);
    if (k) evidence.push({ messageId: m.id, source: 'kept', text: k.text, at: new Date(k.keptAt).toISOString() });
    if (m.editedAt) for (const v of await tx.messageEdits.versions(conversationId, m.seq)) evidence.push({ messageId: m.id, source: 'edit', text: v.text, at: new Date(v.createdAt).toISOString() });
  }
  return { context, evidence };
}

interface Resolved extends Context {
  room?: ReportRow['room'];
  targetKey: string;
  reportedUserId: string | null;
  conversationId: string | null;
}

async function resolveTarget(tx: Tx, me: UserRow, now: number, target: ReportTarget, reportedHint: string | null): Promise<Resolved> {
  switch (target.kind) {
    case 'message': {
      const { message: msg } = await accessMessage(tx, me.id, target.messageId);
      if (msg.senderId === me.id) throw new DomainError('self_action', 'You cannot report your own message.');
      return { targetKey: msg.id, reportedUserId: msg.senderId, conversationId: msg.conversationId, ...(await lastMessages(tx, me.id, now, msg.conversationId, msg.seq)) };
    }
    case 'conversation': {
      const { conversation: c } = await accessConversation(tx, me.id, target.conversationId);
      const pair = c.kind === 'direct' ? await tx.conversations.directPair(c.id) : null;
      const other = pair ? (pair[0] === me.id ? pair[1] : pair[0]) : null;
      return { targetKey: c.id, reportedUserId: reportedHint ?? other, conversationId: c.id, ...(await lastMessages(tx, me.id, now, c.id)) };
    }
    case 'room_message': {
      const { senderId, room } = await reportedRoomMessage(tx, me, target.roomId, target.messageId);
      return { targetKey: target.messageId, reportedUserId: senderId, conversationId: null, context: [], evidence: [], room };
    }
    case 'user': {
      if (target.userId === me.id) throw new DomainError('self_action', 'You cannot report yourself.');
      const u = await accessUser(tx, target.userId);
      // Context: the end of our 1:1, if I am in it.
      const direct = await tx.conversations.directId(me.id, u.id);
      const visible = direct && (await tx.members.get(direct, me.id)) ? direct : null;
      return { targetKey: u.id, reportedUserId: u.id, conversationId: visible, ...(visible ? await lastMessages(tx, me.id, now, visible) : { context: [], evidence: [] }) };
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
  const resolved = await resolveTarget(tx, me, deps.clock.now(), target, reportedHint);
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
    evidence: resolved.evidence,
    state: 'open',
    createdAt: deps.clock.now(),
    resolvedAt: null,
    resolvedBy: null,
  };
  await tx.reports.insert(row);
  return { receipt: presentReceipt(row, windowMs, row.createdAt), created: true, reportedUserId: row.reportedUserId };
}
