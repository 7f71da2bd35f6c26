/**
 * Names for people no loaded conversation lists as a member any more: someone who left a group
 * wrote messages and system notes that must still name them after a reload (the server's member
 * list only has current members). Ids are collected from what we load, looked up through the
 * profile endpoint at most once each per session — batched per turn, deduplicated while in flight,
 * a few at a time, and failures (a suspended account answers not_found) remembered so they are not
 * asked again. The answers land in `State.people` with one `people.loaded` action per batch.
 */
import type { Message, UserSummary } from '@backchannel/protocol';

const CONCURRENT_LOOKUPS = 4;

/** Every user id a message names: its sender and, for system notes, the actor and the targets. */
export function peopleIn(messages: Iterable<Message | null | undefined>): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) {
    if (!m) continue;
    ids.add(m.senderId);
    if (m.system) {
      ids.add(m.system.actorId);
      for (const t of m.system.targetIds ?? []) ids.add(t);
    }
  }
  return ids;
}

export class PeopleResolver {
  private readonly queued = new Set<string>();
  /** Asked already (answered, failed or in flight): never asked again this session. */
  private readonly asked = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly lookup: (userId: string) => Promise<UserSummary>,
    private readonly known: (userId: string) => boolean,
    private readonly onLoaded: (users: UserSummary[]) => void,
  ) {}

  /** Queues the unknown ones among `ids`; the lookups start after the current turn. */
  want(ids: Iterable<string>): void {
    for (const id of ids) if (id && !this.asked.has(id) && !this.known(id)) this.queued.add(id);
    if (this.queued.size === 0 || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => void this.flush());
  }

  /** Forgets everything (log out / log in as someone else). */
  reset(): void {
    this.queued.clear();
    this.asked.clear();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = [...this.queued].filter((id) => !this.known(id));
    this.queued.clear();
    for (const id of batch) this.asked.add(id);
    const found: UserSummary[] = [];
    for (let i = 0; i < batch.length; i += CONCURRENT_LOOKUPS) {
      const answers = await Promise.allSettled(batch.slice(i, i + CONCURRENT_LOOKUPS).map((id) => this.lookup(id)));
      for (const a of answers) if (a.status === 'fulfilled') found.push(a.value);
    }
    if (found.length > 0) this.onLoaded(found);
  }
}
