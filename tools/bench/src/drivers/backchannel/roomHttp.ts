/** `POST /v1/rooms/{id}/join` for both Backchannel socket clients (the SDK has no rooms yet). */
import type { BenchRoom } from '../types.js';

/** Answers worth retrying (the join of a popular room may meet a full write queue). */
const RETRY_STATUS = new Set([429, 503]);
const ATTEMPTS = 8;

/** Joins, retrying 429/503 after their retry-after (bounded: 8 attempts, ≤ 5 s apart). */
export async function joinRoomOverHttp(baseUrl: string, token: string, room: BenchRoom): Promise<void> {
  const url = new URL(`/v1/rooms/${encodeURIComponent(room.id)}/join`, baseUrl);
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    if (res.ok) {
      await res.arrayBuffer();
      return;
    }
    const body = await res.text();
    if (!RETRY_STATUS.has(res.status) || attempt >= ATTEMPTS) throw new Error(`join ${room.id}: HTTP ${res.status} ${body.slice(0, 200)}`);
    const after = Number(res.headers.get('retry-after'));
    await new Promise((r) => setTimeout(r, Math.min(5_000, Number.isFinite(after) && after > 0 ? after * 1000 : 100 * 2 ** attempt)));
  }
}
