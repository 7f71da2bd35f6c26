/**
 * The API documents as a deployment serves them, built without listening: `GET /openapi.json` of a
 * server in either rooms mode (external mode adds the audio webhook), for the linter
 * (scripts/lint-api.mjs) and the generated-client test. Uses a throw-away SQLite data dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config/config.js';

export type RoomsMode = Config['roomsMode'];

export async function openapiDocument(roomsMode: RoomsMode): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-openapi-'));
  try {
    const modeConfig: Partial<Config> = roomsMode === 'external' ? { roomsMode, audioWebhookSecret: 'document-only-secret-0123456789abcdef' } : { roomsMode };
    const built = await buildApp(loadConfig({}, { dataDir, port: 0, logLevel: 'silent', roomSweepIntervalMs: 0, ...modeConfig }));
    try {
      await built.app.ready();
      return built.app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await built.shutdown();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
