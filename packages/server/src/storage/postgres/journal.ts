/**
 * Writes a batch's journaled events and membership boundaries at COMMIT time.
 *
 * `UPDATE event_head ... RETURNING pos` takes the row lock on the single counter. Every batch that
 * appends events (on any node) takes it as its last step before COMMIT and holds it until COMMIT
 * returns, so batches get their position ranges in the order they commit and a reader can never see
 * pos N+1 before N: gapless, commit-ordered positions (ADR 0003). Group commit makes this one lock
 * acquisition per batch, not per message.
 */
import type pg from 'pg';
import type { EventRow } from '../store.js';
import type { JournalEntry } from './handle.js';

export async function flushJournal(client: pg.PoolClient, journal: readonly JournalEntry[]): Promise<EventRow[]> {
  if (journal.length === 0) return [];
  const count = journal.filter((j) => j.kind === 'event').length;
  // Taken even when count = 0: membership boundaries must be ordered against other batches' events.
  const head = (await client.query('UPDATE event_head SET pos = pos + $1 WHERE id = 1 RETURNING pos', [count])).rows[0].pos as number;
  let pos = head - count;
  const events: EventRow[] = [];
  for (const j of journal) if (j.kind === 'event') events.push({ ...j.event, pos: ++pos });
  if (events.length > 0) {
    await client.query(
      `INSERT INTO events (pos, type, conversation_id, user_id, payload, created_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
      [
        events.map((e) => e.pos),
        events.map((e) => e.type),
        events.map((e) => e.conversationId),
        events.map((e) => e.userId),
        events.map((e) => JSON.stringify(e.payload)),
        events.map((e) => e.createdAt),
      ],
    );
  }
  if (journal.some((j) => j.kind !== 'event')) await applyBoundaries(client, journal, head - count);
  return events;
}

/** Membership boundaries, applied in call order (a user may join, leave and re-join in one batch). */
async function applyBoundaries(client: pg.PoolClient, journal: readonly JournalEntry[], base: number): Promise<void> {
  let pos = base;
  for (const j of journal) {
    if (j.kind === 'event') {
      pos++;
      // A boundary at `pos` means: the user sees this conversation's events with pos > boundary
      // (join) or stops seeing those with pos > boundary (leave).
    } else if (j.kind === 'join') {
      // A period that closed at this very pos is empty: reopen it instead of colliding on the key.
      await client.query(
        `INSERT INTO member_periods (conversation_id, user_id, from_pos, to_pos)
         SELECT $1, $2, $3, NULL
         WHERE NOT EXISTS (SELECT 1 FROM member_periods WHERE conversation_id = $1 AND user_id = $2 AND to_pos IS NULL)
         ON CONFLICT (conversation_id, user_id, from_pos) DO UPDATE SET to_pos = NULL`,
        [j.conversationId, j.userId, pos],
      );
    } else {
      await client.query('UPDATE member_periods SET to_pos = $3 WHERE conversation_id = $1 AND user_id = $2 AND to_pos IS NULL', [j.conversationId, j.userId, pos]);
    }
  }
}
