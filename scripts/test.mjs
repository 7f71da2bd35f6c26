#!/usr/bin/env node
/**
 * `npm test`: type-checks, lints the layer rules and the OpenAPI document, then runs every test suite with Vitest.
 * Suites that need PostgreSQL or NATS (files named *.pg.test.ts, *.cluster.test.ts) run when those
 * services answer on loopback, and the nginx smoke test (*.nginx.test.ts) when Debian's nginx is installed; `BACKCHANNEL_REQUIRE_SERVICES=1` (set by .ci/run) makes them mandatory,
 * so a missing service fails the run instead of skipping it. Skipped suites are named at the end.
 * With PostgreSQL up, the API, socket and domain tiers run a second time on it, as the `pg` Vitest
 * project (vitest.config.ts) of the same run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const env = { ...process.env };
env.BACKCHANNEL_TEST_PG_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
env.BACKCHANNEL_TEST_NATS_URL ??= 'nats://127.0.0.1:4222';
const required = env.BACKCHANNEL_REQUIRE_SERVICES === '1';

function reachable(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      s.destroy();
      resolve(true);
    });
    s.setTimeout(1500, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
  });
}

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const pg = await reachable(env.BACKCHANNEL_TEST_PG_URL);
const nats = await reachable(env.BACKCHANNEL_TEST_NATS_URL);
const skipped = [];
if (!pg) skipped.push(`PostgreSQL suites (*.pg.test.ts) and the API, socket and domain tiers on PostgreSQL: nothing answers at ${env.BACKCHANNEL_TEST_PG_URL}`);
if (!pg || !nats) skipped.push(`cluster suites (*.cluster.test.ts): need PostgreSQL and NATS (${env.BACKCHANNEL_TEST_NATS_URL})`);
const nginx = fs.existsSync('/usr/sbin/nginx');
if (!nginx) skipped.push('the nginx TLS example smoke test (*.nginx.test.ts, docs/deploy/nginx.conf): apt-get install nginx');
if (!fs.existsSync('/usr/sbin/ejabberdctl')) skipped.push('the load tool\'s ejabberd comparison (tools/bench smoke): apt-get install ejabberd erlang-p1-sqlite3');
if (required && skipped.length > 0) {
  // CI (.ci/run) installs every service; nothing may be skipped there.
  console.error('BACKCHANNEL_REQUIRE_SERVICES=1 but services are missing:\n  ' + skipped.join('\n  '));
  process.exit(1);
}

const only = process.argv.slice(2);
if (only.length === 0) {
  run('npm', ['run', 'build']);
  run('npx', ['eslint', '.']);
  run('npx', ['depcruise', 'packages', 'tools', '--config', '.dependency-cruiser.cjs']);
  // The OpenAPI document of both rooms modes, through Redocly's linter (redocly.yaml).
  run('node', ['scripts/lint-api.mjs']);
}
const exclude = [];
if (!pg) exclude.push('**/*.pg.test.ts');
if (!pg || !nats) exclude.push('**/*.cluster.test.ts');
if (!nginx) exclude.push('**/*.nginx.test.ts');
run('npx', ['vitest', 'run', ...exclude.flatMap((e) => ['--exclude', e]), ...only], {
  BACKCHANNEL_TEST_PG: pg ? '1' : '0',
  BACKCHANNEL_TEST_PG_TIERS: pg ? '1' : '0',
  BACKCHANNEL_TEST_NATS: nats ? '1' : '0',
});
if (only.length === 0 && process.env.BACKCHANNEL_SKIP_E2E !== '1') {
  run('node', ['packages/web/e2e/run.mjs']);
}
if (skipped.length > 0) {
  console.log('\nNOT RUN on this machine (start the services, or set BACKCHANNEL_REQUIRE_SERVICES=1 to make them mandatory):');
  for (const s of skipped) console.log(`  - ${s}`);
}
