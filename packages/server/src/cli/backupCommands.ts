/**
 * `admin backup <dest>` / `admin restore <src>` / `admin verify-backup <src>` for the embedded
 * store (storage/sqlite/backup.ts, docs/deploy/backup.md). PostgreSQL deployments back up with
 * pg_dump / pg_restore, as that page shows; these commands say so instead of guessing.
 */
import path from 'node:path';
import { backupSqlite, restoreSqlite, verifyBackup, type BackupManifest } from '../storage/sqlite/backup.js';
import type { CliCommand } from './command.js';

const PG_HINT = 'this deployment uses PostgreSQL: back it up with pg_dump --format=custom and restore with pg_restore (docs/deploy/backup.md)';

function summary(m: BackupManifest): string {
  const r = m.rows;
  return `schema ${m.schemaVersion}, ${r.users ?? 0} users, ${r.conversations ?? 0} conversations, ${r.messages ?? 0} messages, ${Object.keys(m.files).length} files`;
}

export const backupCommands: Record<string, CliCommand> = {
  backup: {
    usage: 'backup <dest-dir>',
    summary: 'online backup of the embedded store (the server may be running) into a new or empty directory',
    async run({ config, out }, [dest]) {
      if (!dest) throw new Error('usage: backup <dest-dir>');
      if (config.databaseUrl) throw new Error(PG_HINT);
      const m = backupSqlite(config.dataDir, path.resolve(dest));
      out(`backup of ${path.resolve(config.dataDir)} written to ${path.resolve(dest)}: ${summary(m)}`);
    },
  },
  restore: {
    usage: 'restore <backup-dir>',
    summary: 'checks a backup and restores it into the configured (empty) data directory; start the server afterwards',
    async run({ config, out }, [src]) {
      if (!src) throw new Error('usage: restore <backup-dir>');
      if (config.databaseUrl) throw new Error(PG_HINT);
      const m = restoreSqlite(path.resolve(src), path.resolve(config.dataDir));
      out(`restored ${path.resolve(src)} (taken ${m.createdAt}) into ${path.resolve(config.dataDir)}: ${summary(m)}`);
    },
  },
  'verify-backup': {
    usage: 'verify-backup <backup-dir>',
    summary: 'checks a backup (checksums, integrity_check, foreign keys, schema) without restoring it',
    async run({ out }, [src]) {
      if (!src) throw new Error('usage: verify-backup <backup-dir>');
      out(`ok: ${summary(verifyBackup(path.resolve(src)))}`);
    },
  },
};
