/**
 * "Download my data": every part of USER_DATA (userData.ts) in turn, as JSON files, read as the
 * person through the same actions as the API (docs/subsystems/accounts.md). A generator, so the
 * archive streams: one conversation's history is in memory at a time, never the whole export.
 */
import type { UserRow } from '../../storage/store.js';
import { USER_DATA, type AccountDeps, type ExportFile } from './userData.js';

export const EXPORT_FORMAT = 'backchannel-export/1';

export async function* exportUserData(deps: AccountDeps, me: UserRow): AsyncIterable<ExportFile> {
  const parts: string[] = [];
  for (const part of USER_DATA) {
    if (!part.export) continue;
    parts.push(part.name);
    yield* part.export(deps, me);
  }
  yield {
    path: 'README.json',
    data: { format: EXPORT_FORMAT, userId: me.id, exportedAt: new Date(deps.clock.now()).toISOString(), parts, notExported: USER_DATA.filter((p) => !p.export).map((p) => ({ part: p.name, why: p.notExported ?? '' })) },
  };
}
