/**
 * `npm start`: load the config, build the app, listen, and shut down gracefully on SIGTERM/SIGINT.
 */
import { loadConfig, ConfigError } from './config/config.js';
import { buildApp } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`backchannel: ${err.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  let built;
  try {
    built = await buildApp(config);
  } catch (err) {
    console.error(`backchannel: cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  const { app, shutdown } = built;
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  app.log.info({ url: `http://${shownHost}:${port}`, port }, 'listening');
  if (!app.log.level || app.log.level === 'silent') console.log(JSON.stringify({ msg: 'listening', url: `http://${shownHost}:${port}`, port }));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    timer.unref();
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
