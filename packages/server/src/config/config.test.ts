import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect([c.port, c.host, c.dataDir, c.signupMode, c.databaseUrl, c.groupMaxMembers]).toEqual([8080, '127.0.0.1', './data', 'open', null, 15]);
  });

  it('reads the environment, then a config file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cfg-')), 'c.json');
    fs.writeFileSync(file, JSON.stringify({ port: 9000, groupMaxMembers: 20 }));
    const c = loadConfig({ BACKCHANNEL_CONFIG: file, PORT: '9001', BACKCHANNEL_ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    expect([c.port, c.groupMaxMembers, c.allowedOrigins]).toEqual([9001, 20, ['https://a.example', 'https://b.example']]);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT \(port\): expected an integer/],
    [{ PORT: '70000' }, /PORT \(port\): must be between 0 and 65535/],
    [{ BACKCHANNEL_SIGNUP_MODE: 'closed' }, /BACKCHANNEL_SIGNUP_MODE \(signupMode\): expected one of open, invite/],
    [{ BACKCHANNEL_UNSAFE_RELAXED_DURABILITY: 'maybe' }, /BACKCHANNEL_UNSAFE_RELAXED_DURABILITY/],
    [{ BACKCHANNEL_DATABASE_URL: 'mysql://x' }, /BACKCHANNEL_DATABASE_URL/],
    [{ BACKCHANNEL_CONFIG: '/nonexistent/file.json' }, /BACKCHANNEL_CONFIG: cannot read/],
  ])('names the bad setting: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('rejects unknown keys in the config file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cfg-')), 'c.json');
    fs.writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ BACKCHANNEL_CONFIG: file })).toThrow(/prot .*unknown setting/);
  });
});
