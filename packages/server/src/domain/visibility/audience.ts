/**
 * Who receives a signal caused by a member: the requests and block rules, applied once
 * (docs/subsystems/message-requests.md, "What a pending request reveals"; ADR 0005).
 *
 * | Signal | Rule |
 * |---|---|
 * | `receipt`, `typing`, `reaction`, `presence` | nothing leaves someone reading a pending request (their membership is in `requests`): the sender must not learn it was opened; a block in either direction cuts it (the blocked person learns nothing, the blocker hears nothing) |
 * | `edit` | whoever received the message: every member (groups do not shadow; a shadow message's edit is its sender's alone) |
 * | room signals | `roomSignalAudience`: the candidates minus anyone with a block with the actor, either way |
 *
 * A new signal is one more line in `RULES` (docs/architecture.md, "How to add a signal").
 */
import type { ConversationRow, MemberRow, Tx } from '../../storage/store.js';

export type Signal = 'receipt' | 'typing' | 'reaction' | 'presence' | 'edit';

/** 'all' = every other member (one conversation-addressed event); else exactly these others (empty = only the actor's own devices). */
export type Audience = 'all' | string[];

interface Rule {
  /** A reader of a pending request sends nothing. */
  silentInRequests: boolean;
  /** A block either way between the actor and a member cuts the signal to that member. */
  cutByBlocks: boolean;
}

const RULES: Record<Signal, Rule> = {
  receipt: { silentInRequests: true, cutByBlocks: true },
  typing: { silentInRequests: true, cutByBlocks: true },
  reaction: { silentInRequests: true, cutByBlocks: true },
  presence: { silentInRequests: true, cutByBlocks: true },
  edit: { silentInRequests: false, cutByBlocks: false },
};

/**
 * The other members who may receive `signal` from `actor` in `c`. Costs one query when nobody in
 * the conversation has a block with the actor (the common case), whatever its size; the member list
 * is read only when someone must be left out.
 */
export async function signalAudience(repo: Tx, signal: Signal, c: Pick<ConversationRow, 'id'>, actor: MemberRow): Promise<Audience> {
  const rule = RULES[signal];
  if (rule.silentInRequests && actor.folder === 'requests') return [];
  if (!rule.cutByBlocks) return 'all';
  const cut = new Set(await repo.members.withBlock(c.id, actor.userId));
  if (cut.size === 0) return 'all';
  return (await repo.members.list(c.id)).map((m) => m.userId).filter((id) => id !== actor.userId && !cut.has(id));
}

/** The same audience as an explicit list of user ids (for ephemeral signals, which are addressed per user). */
export async function signalRecipients(repo: Tx, signal: Signal, c: Pick<ConversationRow, 'id'>, actor: MemberRow): Promise<string[]> {
  const audience = await signalAudience(repo, signal, c, actor);
  if (audience !== 'all') return audience;
  return (await repo.members.list(c.id)).map((m) => m.userId).filter((id) => id !== actor.userId);
}

/**
 * Who receives a room signal (a reaction, a hand, "speaking", presence in a room) caused by
 * `actorId`, among `candidateIds` (the room's listeners, or the people who would see it): the
 * candidates minus the actor and minus anyone with a block with the actor in either direction.
 * One query however many candidates. For domain/rooms (docs/architecture.md, "Visibility").
 */
export async function roomSignalAudience(repo: Tx, actorId: string, candidateIds: readonly string[]): Promise<string[]> {
  const others = candidateIds.filter((id) => id !== actorId);
  const cut = new Set(await repo.graph.blockedAmong(actorId, others));
  return cut.size === 0 ? others : others.filter((id) => !cut.has(id));
}
