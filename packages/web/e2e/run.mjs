#!/usr/bin/env node
/**
 * End-to-end run: the real server (already built by `npm run build`) and Debian's Chromium driven
 * by playwright-core. Prints `E2E: <n> passed, <m> failed` last and exits non-zero on any failure.
 * The server is always stopped, even when a scenario or the browser crashes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { accountData } from './account.mjs';
import { backstageScenario } from './backstage.mjs';
import { rooms } from './rooms.mjs';
import { questions } from './questions.mjs';
import { linkPreviews, startPreviewFixture } from './links.mjs';
import { captureScreens } from './screenshots.mjs';
import { NOT_APPLICABLE, scenarios } from './scenarios.mjs';
import { SERVER_MAIN, startServer } from './server.mjs';

const CHROMIUM = process.env.BACKCHANNEL_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'screenshots');
/** The whole run is bounded too: a hang anywhere ends it as a failure instead of stalling CI. */
const RUN_TIMEOUT_MS = 8 * 60_000;
const SCENARIO_TIMEOUT_MS = 120_000;

function fail(message) {
  console.error(`e2e: ${message}`);
  console.log('E2E: 0 passed, 1 failed');
  process.exit(1);
}

if (!fs.existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set BACKCHANNEL_CHROMIUM)`);
if (!fs.existsSync(SERVER_MAIN)) fail(`${SERVER_MAIN} is missing: run \`npm run build\` first`);
if (!fs.existsSync(path.join(here, '../dist/index.html'))) fail('packages/web/dist is missing: run `npm run build` first');

// Start from an empty folder so stale failure screenshots from an earlier run cannot mislead.
fs.rmSync(outDir, { recursive: true, force: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchannel-e2e-'));
const log = path.join(dataDir, 'server.log');
let server;
let browser;
let previewFixture;
let passed = 0;
let failed = 0;
const notApplicable = [];

const watchdog = setTimeout(() => {
  console.error(`e2e: the run exceeded ${RUN_TIMEOUT_MS / 1000} s`);
  void cleanup().finally(() => {
    console.log(`E2E: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}, RUN_TIMEOUT_MS);

async function cleanup() {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  await previewFixture?.close().catch(() => undefined);
}

// Interrupted (Ctrl-C, CI cancel): still stop the server so no orphan keeps the port.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`e2e: ${signal}, stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)))]).finally(() => clearTimeout(timer));
}

try {
  previewFixture = await startPreviewFixture();
  server = await startServer({ dataDir, log, env: previewFixture.env });
  console.log(`e2e: server at ${server.url} (data ${dataDir})`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
  const desktop = { viewport: { width: 1280, height: 800 } };
  const adaContext = await browser.newContext(desktop);
  const beaContext = await browser.newContext(desktop);
  const ada = await adaContext.newPage();
  const bea = await beaContext.newPage();
  for (const p of [ada, bea]) p.setDefaultTimeout(15_000);
  const ctx = {
    base: server.url,
    ada,
    bea,
    people: {},
    server,
    previewFixture,
    dataDir,
    browser,
    outDir,
    /** A third (fourth…) person in the browser, for the sender's side of a request. */
    newPage: async () => {
      const page = await (await browser.newContext(desktop)).newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    screens: async () => captureScreens({ browser, base: server.url, storageState: await adaContext.storageState(), people: ctx.people, outDir }),
  };
  const all = [
    ...scenarios(ctx),
    ['link previews: the card under a message for both people, the image from our server, the sender removes it', () => linkPreviews(ctx)],
    ['rooms: start, join, speak, chat both ways, slow mode, a moderator deletes, the host ends', () => rooms(ctx)],
    ['questions: asked, voted, put on stage, answered privately (the DM reaches the asker)', () => questions(ctx)],
    ['account: download my data (a zip), an operator\'s reset link sets a new password, delete account asks the password and signs out', () => accountData(ctx)],
    ['backstage follows the stage (3 people); a DM from the attendee list lands in Requests labelled with the room', () => backstageScenario(ctx)],
  ];
  // BACKCHANNEL_E2E_ONLY=<text>: only the scenarios whose name contains it (while working on one).
  const only = process.env.BACKCHANNEL_E2E_ONLY;
  for (const [name, run] of only ? all.filter(([n]) => n.includes(only)) : all) {
    const started = Date.now();
    try {
      const result = await withTimeout(run(), SCENARIO_TIMEOUT_MS, name);
      if (result?.status === NOT_APPLICABLE) {
        notApplicable.push(name);
        console.log(`  N/A   ${name}: ${result.reason}`);
      } else {
        passed++;
        console.log(`  ok    ${name} (${Date.now() - started} ms)`);
      }
    } catch (err) {
      failed++;
      console.log(`  FAIL  ${name}\n        ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n        ')}`);
      fs.mkdirSync(outDir, { recursive: true });
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await ada.screenshot({ path: path.join(outDir, `failure-${slug}-ada.png`) }).catch(() => undefined);
      await bea.screenshot({ path: path.join(outDir, `failure-${slug}-bea.png`) }).catch(() => undefined);
    }
  }
} catch (err) {
  failed++;
  console.error(`e2e: setup failed: ${err?.stack ?? err}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}

if (failed > 0) console.log(`e2e: server log kept at ${log}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
if (notApplicable.length > 0) console.log(`e2e: not applicable (not counted as passed): ${notApplicable.join('; ')}`);
console.log(`E2E: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
