/**
 * `room --qa`: a Q&A vote storm during the room chat (docs/performance.md, "room --qa"). Before the
 * chat starts, the host switches Q&A on and `--qa-questions` listeners (20) ask one question each;
 * a few probe sockets (as listeners already in the room) subscribe and count `room.qa_votes`
 * frames. While the chat runs, every listener's user votes once over HTTP, open loop, spread over
 * `--qa-window` seconds (10), most votes on a few popular questions, and a share of the votes is
 * sent twice (a retry). Verdict after a settle: each question's count on the server equals the
 * voters whose vote was answered — every vote counted exactly once — the deliberate duplicates changed
 * nothing, and each probe's last frame shows those counts. A vote whose answer was lost (a
 * timeout: it may or may not have been applied) is sent again after the window — set semantics
 * make that safe — so the verdict is: each question's count equals the voters who got an answer.
 * Reported: vote frames per listener per second (mean over the window and the busiest second),
 * vote answers' latency.
 */
import WebSocket from 'ws';
import type { BenchRoom, BenchUser } from '../drivers/types.js';
import { socketUrl } from '../drivers/backchannel/client.js';
import { log } from '../progress.js';
import { Histogram, nowUs } from '../stats.js';
import { waitUntil } from '../util.js';

export interface QaOptions {
  questions: number;
  windowS: number;
  /** Share of the votes sent a second time (a client retry). */
  duplicateShare: number;
  probes: number;
  concurrency: number;
  timeoutMs: number;
}

interface Probe {
  ws: WebSocket;
  /** Arrival time (ms) of each `room.qa_votes` frame. */
  frames: number[];
  latest: Map<string, { votes: number; v: number }>;
}

async function call<T>(baseUrl: string, user: BenchUser, method: string, path: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${user.secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Question k gets a share ∝ 1/(k+1): a few popular questions and a long tail, like a real room. */
export function pickQuestion(i: number, n: number): number {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  // A deterministic spread (golden-ratio sequence), so runs are comparable.
  let x = ((i * 0.6180339887) % 1) * total;
  for (let k = 0; k < n; k++) {
    x -= weights[k]!;
    if (x < 0) return k;
  }
  return n - 1;
}

export class QaPhase {
  private questionIds: string[] = [];
  private readonly probes: Probe[] = [];
  /** Per question, the voters whose vote was answered 200 (on any attempt). */
  private readonly answered = new Map<string, Set<number>>();
  /** Votes whose answer was lost or refused: sent again after the window. */
  private readonly unanswered: Array<{ u: BenchUser; q: string }> = [];
  private changedTrue = 0;
  private resent = 0;
  private readonly ack = new Histogram();
  private readonly askHist = new Histogram();
  private sent = 0;
  private retries = 0;
  private retriesChanged = 0;
  private failed = 0;
  private readonly errors: string[] = [];
  private windowMs: [number, number] = [0, 0];

  constructor(
    private readonly baseUrl: string,
    private readonly host: BenchUser,
    private readonly room: BenchRoom,
    /** The listeners' users, each in the room (one vote each). */
    private readonly voters: BenchUser[],
    private readonly o: QaOptions,
  ) {}

  private error(msg: string): void {
    this.failed++;
    if (this.errors.length < 10) this.errors.push(msg);
  }

  /** Q&A on, the questions asked, the probes subscribed. */
  async prepare(): Promise<void> {
    const r = `/v1/rooms/${encodeURIComponent(this.room.id)}`;
    const on = await call(this.baseUrl, this.host, 'PATCH', `${r}/qa`, { enabled: true }, this.o.timeoutMs);
    if (on.status !== 200) throw new Error(`Q&A on: HTTP ${on.status} ${JSON.stringify(on.body)}`);
    const askers = this.voters.slice(0, this.o.questions);
    if (askers.length < this.o.questions) throw new Error(`--qa needs at least ${this.o.questions} listeners`);
    // One at a time, with a generous timeout: a room event to every listener each (measured: qa_ask_ms).
    for (const [k, u] of askers.entries()) {
      const t = nowUs();
      const a = await call<{ question?: { id: string } }>(this.baseUrl, u, 'POST', `${r}/questions`, { text: `Bench question ${k + 1}: what about load?` }, this.o.timeoutMs * 4);
      if (!a.body.question) throw new Error(`question ${k}: HTTP ${a.status} ${JSON.stringify(a.body)}`);
      this.askHist.record(nowUs() - t);
      this.questionIds.push(a.body.question.id);
    }
    for (const id of this.questionIds) this.answered.set(id, new Set());
    const probeUsers = this.voters.slice(-this.o.probes);
    for (const u of probeUsers) this.probes.push(await this.openProbe(u));
    log(`[qa] ${this.questionIds.length} questions, ${this.probes.length} probe sockets`);
  }

  private openProbe(u: BenchUser): Promise<Probe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl(this.baseUrl), { headers: { authorization: `Bearer ${u.secret}` }, perMessageDeflate: false, handshakeTimeout: this.o.timeoutMs });
      const probe: Probe = { ws, frames: [], latest: new Map() };
      const timer = setTimeout(() => reject(new Error('probe subscribe timed out')), this.o.timeoutMs);
      ws.on('error', (err) => reject(err));
      ws.on('open', () => ws.send(JSON.stringify({ op: 'room.subscribe', id: 'qa-probe', roomId: this.room.id, afterSeq: null })));
      ws.on('message', (data: Buffer) => {
        const s = data.toString('utf8');
        if (!s.includes('"room.qa_votes"') && !s.includes('"qa-probe"')) return; // chat and the rest: not counted here
        const f = JSON.parse(s) as { type: string; id?: string; data?: { votes?: Array<{ questionId: string; votes: number; votesVersion: number }> } };
        if (f.type === 'ack' && f.id === 'qa-probe') {
          clearTimeout(timer);
          resolve(probe);
        } else if (f.type === 'error' && f.id === 'qa-probe') {
          clearTimeout(timer);
          reject(new Error(`probe subscribe: ${s.slice(0, 200)}`));
        } else if (f.type === 'room.qa_votes') {
          probe.frames.push(Date.now());
          for (const v of f.data?.votes ?? []) {
            const old = probe.latest.get(v.questionId);
            if (!old || old.v < v.votesVersion) probe.latest.set(v.questionId, { votes: v.votes, v: v.votesVersion });
          }
        }
      });
    });
  }

  /** One vote; `kind`: the first attempt, a deliberate duplicate, or the resend of an unanswered one. */
  private async vote(u: BenchUser, questionId: string, kind: 'first' | 'duplicate' | 'resend', intendedUs: number): Promise<boolean> {
    const path = `/v1/rooms/${encodeURIComponent(this.room.id)}/questions/${encodeURIComponent(questionId)}/vote`;
    try {
      const res = await call<{ changed?: boolean; code?: string }>(this.baseUrl, u, 'POST', path, { voted: true }, this.o.timeoutMs);
      if (res.status !== 200) {
        if (kind !== 'duplicate') this.unanswered.push({ u, q: questionId });
        this.error(`vote: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        return false;
      }
      if (kind === 'first') this.ack.record(nowUs() - intendedUs);
      if (res.body.changed) this.changedTrue++;
      if (kind === 'duplicate' && res.body.changed) this.retriesChanged++;
      this.answered.get(questionId)?.add(u.index);
      return true;
    } catch (err) {
      if (kind !== 'duplicate') this.unanswered.push({ u, q: questionId });
      this.error(`vote: ${(err as Error).message}`);
      return false;
    }
  }

  /** Every voter votes once (some twice), open loop over the window, at most `concurrency` in flight. */
  async run(): Promise<void> {
    const n = this.voters.length;
    const startUs = nowUs();
    const endMs = Date.now() + this.o.windowS * 1000 + this.o.timeoutMs * 4;
    this.windowMs = [Date.now(), Date.now() + this.o.windowS * 1000];
    let inFlight = 0;
    let issued = 0;
    const launch = (fn: () => Promise<void>) => {
      inFlight++;
      void fn().finally(() => inFlight--);
    };
    while (issued < n && Date.now() < endMs) {
      const due = Math.min(n, Math.floor(((nowUs() - startUs) * n) / (this.o.windowS * 1e6)) + 1);
      for (; issued < due && inFlight < this.o.concurrency; issued++) {
        const i = issued;
        const u = this.voters[i]!;
        const q = this.questionIds[pickQuestion(i, this.questionIds.length)]!;
        const intended = startUs + (i * this.o.windowS * 1e6) / n;
        this.sent++;
        launch(async () => {
          // The duplicate follows an answered vote: it must change nothing.
          if ((await this.vote(u, q, 'first', intended)) && (i * 0.7548776662) % 1 < this.o.duplicateShare) {
            this.retries++;
            await this.vote(u, q, 'duplicate', intended);
          }
        });
      }
      await new Promise((r) => setTimeout(r, 2)); // the pacing tick; bounded by endMs
    }
    await waitUntil(() => inFlight === 0, this.o.timeoutMs * 2, 20);
    this.windowMs[1] = Math.max(this.windowMs[1], Date.now());
    // Lost answers: send those votes again (once each, a few at a time); a vote applied the first time answers changed: false.
    const again = this.unanswered.splice(0);
    for (let k = 0; k < again.length; k += 16) {
      const batch = again.slice(k, k + 16);
      this.resent += batch.length;
      await Promise.all(batch.map(({ u, q }) => this.vote(u, q, 'resend', nowUs())));
    }
  }

  /** After the probes had time for the last tick: the verdict. */
  async result(): Promise<Record<string, unknown>> {
    const list = await call<{ questions: Array<{ id: string; votes: number; votesVersion: number }> }>(this.baseUrl, this.host, 'GET', `/v1/rooms/${encodeURIComponent(this.room.id)}/questions`, undefined, this.o.timeoutMs);
    const server = new Map(list.body.questions.map((q) => [q.id, q]));
    // The probes' last frames show the server's counts once the fan-out caught up (bounded wait).
    const stale = (p: Probe) => [...server.values()].some((q) => (p.latest.get(q.id)?.votes ?? 0) !== q.votes);
    const t0 = Date.now();
    await waitUntil(() => !this.probes.some(stale), this.o.timeoutMs * 2, 50);
    const convergedMs = Date.now() - t0;
    let mismatched = 0;
    let counted = 0;
    let expected = 0;
    for (const [id, voters] of this.answered) {
      counted += server.get(id)?.votes ?? 0;
      expected += voters.size;
      if ((server.get(id)?.votes ?? -1) !== voters.size) mismatched++;
    }
    const [from, to] = this.windowMs;
    const seconds = Math.max(1, (to - from) / 1000);
    const perProbe = this.probes.map((p) => p.frames.filter((t) => t >= from && t <= to + 1000).length / seconds);
    const busiest = Math.max(0, ...this.probes.map((p) => maxPerSecond(p.frames)));
    const probesStale = this.probes.filter(stale).length;
    for (const p of this.probes) p.ws.close();
    return {
      qa_voters: this.voters.length,
      qa_questions: this.questionIds.length,
      qa_votes_sent: this.sent,
      qa_voters_answered: expected,
      qa_votes_counted_by_server: counted,
      qa_answers_changed_true: this.changedTrue,
      qa_votes_resent_after_lost_answer: this.resent,
      qa_votes_still_unanswered: this.unanswered.length,
      qa_questions_miscounted: mismatched,
      qa_retries_sent: this.retries,
      qa_retries_that_changed_a_count: this.retriesChanged,
      qa_vote_errors: this.failed,
      qa_vote_window_s: Math.round(seconds * 10) / 10,
      qa_votes_per_s: Math.round(this.sent / seconds),
      qa_vote_answer_ms: this.ack.percentilesMs(),
      qa_ask_ms: this.askHist.percentilesMs(),
      qa_probe_listeners: this.probes.length,
      qa_updates_per_listener_per_s_mean: Math.round((perProbe.reduce((a, b) => a + b, 0) / Math.max(1, perProbe.length)) * 100) / 100,
      qa_updates_per_listener_busiest_second: busiest,
      qa_probes_with_stale_counts: probesStale,
      qa_probes_caught_up_after_last_answer_ms: convergedMs,
      qa_errors: this.errors,
    };
  }
}

function maxPerSecond(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
