/**
 * The one reader of `process.env`. Settings come from the environment, then an optional JSON config
 * file (`BACKCHANNEL_CONFIG=/path/file.json`, keys as in settings.ts), then defaults. A bad value
 * stops start-up with an error that names the setting.
 */
import fs from 'node:fs';
import ipaddr from 'ipaddr.js';
import { SETTINGS, type SettingDef, type SettingKey } from './settings.js';

type ValueOf<D> = D extends { type: 'int' }
  ? number
  : D extends { type: 'bool' }
    ? boolean
    : D extends { type: 'list' }
      ? string[]
      : D extends { default: null }
        ? string | null
        : D extends { values: readonly (infer V)[] }
          ? V
          : string;

export type Config = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`Invalid setting ${setting}: ${message}`);
  }
}

function parse(key: string, def: SettingDef, raw: unknown): unknown {
  const name = `${def.env} (${key})`;
  switch (def.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) throw new ConfigError(name, `expected an integer, got ${JSON.stringify(raw)}`);
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        throw new ConfigError(name, `must be between ${def.min} and ${def.max}, got ${n}`);
      }
      return n;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off', ''].includes(s)) return false;
      throw new ConfigError(name, `expected true/false, got ${JSON.stringify(raw)}`);
    }
    case 'enum': {
      const s = String(raw);
      if (!def.values?.includes(s)) throw new ConfigError(name, `expected one of ${def.values?.join(', ')}, got ${JSON.stringify(raw)}`);
      return s;
    }
    case 'list':
      if (Array.isArray(raw)) return raw.map(String);
      return String(raw)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'string':
      if (typeof raw !== 'string') throw new ConfigError(name, `expected a string`);
      return raw;
  }
}

/** Builds the config from an environment (default `process.env`) and overrides (for tests). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  let file: Record<string, unknown> = {};
  const filePath = env.BACKCHANNEL_CONFIG;
  if (filePath) {
    try {
      file = JSON.parse(fs.readFileSync(filePath, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`BACKCHANNEL_CONFIG`, `cannot read ${filePath}: ${(err as Error).message}`);
    }
    for (const k of Object.keys(file)) {
      if (!(k in SETTINGS)) throw new ConfigError(`${k} (in ${filePath})`, `unknown setting; known: ${Object.keys(SETTINGS).join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(SETTINGS) as [SettingKey, SettingDef][]) {
    if (key in overrides) {
      out[key] = overrides[key];
      continue;
    }
    const fromEnv = env[def.env];
    const raw = fromEnv !== undefined && fromEnv !== '' ? fromEnv : file[key];
    out[key] = raw === undefined || raw === null ? def.default : parse(key, def, raw);
  }
  const cfg = out as Config;
  if (cfg.roomsMode === 'external' && (cfg.audioWebhookSecret ?? '').length < 32) {
    throw new ConfigError('BACKCHANNEL_AUDIO_WEBHOOK_SECRET (audioWebhookSecret)', 'external rooms mode needs a shared secret of at least 32 characters');
  }
  if (cfg.audioWebhookPreviousSecret !== null && cfg.audioWebhookPreviousSecret.length < 32) {
    throw new ConfigError('BACKCHANNEL_AUDIO_WEBHOOK_PREVIOUS_SECRET (audioWebhookPreviousSecret)', 'must be at least 32 characters');
  }
  if (cfg.databaseUrl && !/^postgres(ql)?:\/\//.test(cfg.databaseUrl)) {
    throw new ConfigError('BACKCHANNEL_DATABASE_URL (databaseUrl)', 'must start with postgres://');
  }
  for (const p of cfg.linkPreviewPorts) {
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535) throw new ConfigError('BACKCHANNEL_LINK_PREVIEW_PORTS (linkPreviewPorts)', `not a port: ${JSON.stringify(p)}`);
  }
  for (const c of cfg.linkPreviewAllowAddresses) {
    if (!isCidr(c)) throw new ConfigError('BACKCHANNEL_LINK_PREVIEW_ALLOW_ADDRESSES (linkPreviewAllowAddresses)', `not a CIDR range: ${JSON.stringify(c)}`);
  }
  if (cfg.publicUrl !== null && !/^https?:\/\/[^/]+$/.test(cfg.publicUrl)) throw new ConfigError('BACKCHANNEL_PUBLIC_URL (publicUrl)', 'must be http(s)://host[:port] with no path or trailing slash');
  if (cfg.natsUrl && !/^(nats|tls):\/\//.test(cfg.natsUrl)) throw new ConfigError('BACKCHANNEL_NATS_URL (natsUrl)', 'must start with nats://');
  return cfg;
}

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}
