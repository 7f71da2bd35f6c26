/**
 * The worker side of `catchup`: a reader notes its cursor and goes away; a sender posts M messages
 * to their 1:1 (pipelined, each acked = durable); then the reader reconnects `runs` times from the
 * same cursor and we time socket open → `ready` (the caught-up marker). Every replay must hold
 * exactly the M messages, once each, in sequence order.
 */
import type { BenchClient, BenchUser, ClientFactory, ClientHandlers } from '../drivers/types.js';
import { Histogram, nowUs } from '../stats.js';
import { forEachBounded } from '../util.js';
import { makeText } from './dmTask.js';
import type { CatchupParams } from './protocol.js';

export interface CatchupOutcome {
  perMissed: { missed: number; hist: Histogram; fillMs: number }[];
  lost: number;
  duplicated: number;
  outOfOrder: number;
  expected: number;
  errorSamples: string[];
}

export async function runCatchup(factoryFor: (u: BenchUser) => ClientFactory, p: CatchupParams, timeoutMs: number): Promise<CatchupOutcome> {
  const out: CatchupOutcome = { perMissed: [], lost: 0, duplicated: 0, outOfOrder: 0, expected: 0, errorSamples: [] };
  const note = (m: string) => out.errorSamples.length < 10 && out.errorSamples.push(m);
  const quiet: ClientHandlers = { onMessage: () => undefined, onClose: (r) => note(`closed: ${r}`), onError: (r) => note(r) };
  const sender: BenchClient = await factoryFor(p.sender).connect(p.sender, quiet, { timeoutMs });
  let n = 0;
  try {
    for (const missed of p.missed) {
      // The reader's position before the messages it will miss.
      let cursor: string | null = null;
      const probe = await factoryFor(p.reader).connect(p.reader, quiet, { timeoutMs, onReady: (r) => (cursor = r.cursor) });
      probe.close();
      const fillStart = Date.now();
      const ids: string[] = [];
      await forEachBounded(missed, 64, Date.now() + timeoutMs * 10, async () => {
        const cmid = `${p.sender.index}.${n++}`;
        await sender.send(p.conversation, cmid, makeText(nowUs(), cmid, p.messageBytes));
        ids.push(cmid);
      });
      const fillMs = Date.now() - fillStart;
      const hist = new Histogram();
      for (let run = 0; run < p.runs; run++) {
        const seen = new Map<string, number>();
        let lastSeq = -1;
        const t0 = nowUs();
        let readyUs = 0;
        const reader = await factoryFor(p.reader).connect(
          p.reader,
          {
            onMessage: (m) => {
              seen.set(m.clientMessageId, (seen.get(m.clientMessageId) ?? 0) + 1);
              if (m.seq !== null && m.seq <= lastSeq) out.outOfOrder++;
              lastSeq = m.seq ?? lastSeq;
            },
            onClose: quiet.onClose,
            onError: quiet.onError,
          },
          { timeoutMs, resumeFrom: cursor, onReady: () => (readyUs = nowUs()) },
        );
        hist.record(readyUs - t0);
        reader.close();
        out.expected += ids.length;
        for (const id of ids) {
          const c = seen.get(id) ?? 0;
          if (c === 0) out.lost++;
          if (c > 1) out.duplicated += c - 1;
        }
      }
      out.perMissed.push({ missed, hist, fillMs });
    }
  } finally {
    sender.close();
  }
  return out;
}
