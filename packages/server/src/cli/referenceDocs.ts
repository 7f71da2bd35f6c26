/**
 * Generates docs/errors.md and docs/configuration.md from the code (ERROR_CODES, SETTINGS), so the
 * references cannot go stale: `npm run docs` writes them, a test fails when they drift.
 */
import { CLOSE_CODES, ERROR_CODES } from '@backchannel/protocol';
import { SETTINGS, type SettingDef } from '../config/settings.js';

export function errorsDoc(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.summary} |`);
  const closes = Object.entries(CLOSE_CODES).map(([name, code]) => `| ${code} | \`${name}\` |`);
  return `# Error codes

<!-- Generated from packages/protocol/src/errors.ts by \`npm run docs\`; a test fails when they drift. -->

Every error, over HTTP or the socket, is \`{ "code", "message", "details"? }\`. The \`code\` is stable;
\`message\` is for people and may change. \`details.field\` names the offending field of a
\`bad_request\`; \`details.retryAfterMs\` (and the \`Retry-After\` header over HTTP) comes with
\`rate_limited\`, \`unavailable\` and \`outcome_unknown\`. "Not visible to you" and "does not exist"
are both \`not_found\`.

| code | HTTP status | meaning |
|---|---|---|
${rows.join('\n')}

## WebSocket close codes

| close code | name |
|---|---|
${closes.join('\n')}

1000–1011 are RFC 6455 §7.4.1 codes; 4000–4999 are Backchannel's. A client reconnects (with
backoff and full jitter) and resumes after every close except \`unauthorized\` (4001), which means
the session was revoked: log in again.
`;
}

const show = (d: SettingDef) => (d.default === null ? '(unset)' : Array.isArray(d.default) ? (d.default.length ? d.default.join(',') : '(empty)') : `\`${String(d.default)}\``);

export function configurationDoc(): string {
  const rows = Object.entries(SETTINGS as Record<string, SettingDef>).map(([key, d]) => {
    const type = d.type === 'enum' ? d.values!.map((v) => `\`${v}\``).join(' \\| ') : d.type === 'int' ? `int ${d.min}–${d.max}` : d.type;
    return `| \`${d.env}\` | \`${key}\` | ${type} | ${show(d)} | ${d.doc} |`;
  });
  return `# Configuration

<!-- Generated from packages/server/src/config/settings.ts by \`npm run docs\`; a test fails when they drift. -->

Settings come from environment variables, then from an optional JSON file named by
\`BACKCHANNEL_CONFIG\` (keys as in the second column), then the defaults below. A bad value stops
start-up with an error that names the setting.

| environment variable | file key | type | default | meaning |
|---|---|---|---|---|
${rows.join('\n')}
`;
}
