/**
 * Starts the real server (packages/server/dist/main.js) as a child process and reads its listening
 * URL from the JSON log on stdout. `restart()` kills it hard (SIGKILL, like a crash) and starts it
 * again on the same port with the same data directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER_MAIN = path.join(root, 'packages/server/dist/main.js');

function launch({ dataDir, port, log, env = {} }) {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BACKCHANNEL_DATA_DIR: dataDir,
      // Every browser shares 127.0.0.1, so the per-IP sign-up limit would trip on a busy run.
      BACKCHANNEL_AUTH_ATTEMPTS_PER_MINUTE: '1000',
      BACKCHANNEL_SHUTDOWN_GRACE_MS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not print "listening" within 20 s (see ${log})`)), 20_000);
    child.stdout.on('data', (chunk) => {
      fs.appendFileSync(log, chunk);
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && typeof entry.url === 'string') {
            clearTimeout(timer);
            resolve(entry.url);
          }
        } catch {
          // not a JSON log line
        }
      }
    });
    child.stderr.on('data', (chunk) => fs.appendFileSync(log, chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}); log: ${log}`));
    });
  });
  return { child, url };
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
}

/** `env`: extra settings of this run (e.g. the link-preview fixture's allowance, links.mjs). */
export async function startServer({ dataDir, log, env = {} }) {
  let current = launch({ dataDir, port: 0, log, env });
  const url = await current.url;
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    async kill() {
      const done = exited(current.child);
      current.child.kill('SIGKILL');
      await done;
    },
    async start() {
      current = launch({ dataDir, port, log, env });
      const again = await current.url;
      if (again !== url) throw new Error(`server came back on ${again}, expected ${url}`);
    },
    async stop() {
      const done = exited(current.child);
      current.child.kill('SIGTERM');
      const t = setTimeout(() => current.child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    },
  };
}
