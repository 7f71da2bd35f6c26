/**
 * Backchannel setup through the SDK's REST client: sign up users (argon2id on the server, capped
 * concurrency, so this is the slow part and is reported as setup time), make conversation members
 * follow each other (so messages land in the inbox, not in Requests, and no request budget applies),
 * then open the 1:1s and groups. Retries only what the server says is retryable (429/503 with
 * retry-after), a bounded number of times.
 */
import { BackchannelClient, BackchannelError } from '@backchannel/sdk';
import type { BenchConversation, BenchRoom, BenchUser, Provisioner, SetupPlan, SetupResult } from '../types.js';
import { forEachBounded, runTag } from '../../util.js';

const RETRYABLE = new Set(['rate_limited', 'unavailable', 'outcome_unknown', 'network_error']);

async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = err instanceof BackchannelError ? err.code : '';
      if (!RETRYABLE.has(code) || attempt >= 8) throw new Error(`${what} failed (attempt ${attempt}): ${(err as Error).message}`, { cause: err });
      const wait = Math.min(5_000, (err as BackchannelError).retryAfterMs ?? 100 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export class BackchannelProvisioner implements Provisioner {
  constructor(private readonly baseUrl: string) {}

  private client(token?: string): BackchannelClient {
    // REST only: the load itself goes through the raw client in the workers.
    return new BackchannelClient({ baseUrl: this.baseUrl, ...(token ? { token } : {}) });
  }

  async setup(plan: SetupPlan, onProgress?: (done: number, total: number) => void): Promise<SetupResult> {
    const started = Date.now();
    const deadline = started + plan.deadlineMs;
    const tag = runTag();
    const users: BenchUser[] = new Array<BenchUser>(plan.users);
    // Steps: signups, follows, conversations; progress counts all of them.
    const follows: [number, number][] = [];
    for (const members of plan.conversations) {
      const [creator, ...others] = members;
      if (creator === undefined) continue;
      // The creator is followed by everyone (their conversation lands in the inbox); in a 1:1 both
      // follow each other so either side may start it.
      for (const o of others) {
        follows.push([o, creator]);
        if (members.length === 2) follows.push([creator, o]);
      }
    }
    const total = plan.users + follows.length + plan.conversations.length;
    let done = 0;
    const tick = () => onProgress?.(++done, total);

    await forEachBounded(plan.users, plan.concurrency, deadline, async (i) => {
      const username = `b${tag}_${i}`;
      const session = await retrying(`signup ${username}`, () =>
        this.client().signup({ username, displayName: `Bench ${i}`, password: `bench-password-${tag}` }),
      );
      users[i] = { index: i, id: session.user.id, name: username, secret: session.token };
      tick();
    });
    const user = (i: number): BenchUser => {
      const u = users[i];
      if (!u) throw new Error(`setup: user ${i} missing`);
      return u;
    };
    await forEachBounded(follows.length, plan.concurrency * 4, deadline, async (k) => {
      const [from, to] = follows[k] ?? [0, 0];
      await retrying('follow', () => this.client(user(from).secret).follow(user(to).id));
      tick();
    });
    const conversations: BenchConversation[] = new Array<BenchConversation>(plan.conversations.length);
    await forEachBounded(plan.conversations.length, plan.concurrency * 4, deadline, async (index) => {
      const members = plan.conversations[index] ?? [];
      const [creator, ...others] = members.map(user);
      if (!creator || others.length === 0) throw new Error(`conversation ${index} needs two members`);
      const c = this.client(creator.secret);
      const conv = await retrying('open conversation', () =>
        others.length === 1 && others[0] ? c.openDirect(others[0].id) : c.createGroup({ title: `bench ${index}`, memberIds: others.map((o) => o.id) }),
      );
      conversations[index] = { index, id: conv.id, members };
      tick();
    });
    return { users, conversations, setupMs: Date.now() - started };
  }

  /** `POST /v1/rooms` (the SDK has no rooms yet; the load tool speaks the HTTP route directly). */
  async createRoom(host: BenchUser, title: string): Promise<BenchRoom> {
    const res = await fetch(new URL('/v1/rooms', this.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${host.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, visibility: 'open' }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`create room: HTTP ${res.status} ${body.slice(0, 300)}`);
    const { room } = JSON.parse(body) as { room: { id: string } };
    return { id: room.id };
  }

  /** The room's listener count as the server reports it (`GET /v1/rooms/{id}`), or null. */
  async listenerCount(viewer: BenchUser, room: BenchRoom): Promise<number | null> {
    try {
      const res = await fetch(new URL(`/v1/rooms/${encodeURIComponent(room.id)}`, this.baseUrl), { headers: { authorization: `Bearer ${viewer.secret}` }, signal: AbortSignal.timeout(10_000) });
      if (!res.ok) return null;
      const { room: r } = (await res.json()) as { room: { listenerCount: number } };
      return r.listenerCount;
    } catch {
      return null;
    }
  }
}
