/**
 * Online backup and restore of the embedded store (docs/deploy/backup.md).
 *
 * Backup: `VACUUM INTO` on a read connection of its own. It copies one read transaction's
 * snapshot (WAL mode: the server keeps committing meanwhile, nobody waits), so the copy holds
 * exactly the transactions committed before it began, each whole (sqlite.org/lang_vacuum.html,
 * "VACUUM INTO"). The online backup API (`sqlite3_backup_step`) is not used: it restarts whenever
 * another process writes the source, and under steady load it may never finish.
 * The rest of the data directory (media, once media exists) is copied after the snapshot, so every
 * file the snapshot names is there; files added meanwhile are harmless extras.
 *
 * Restore: only into an empty data directory, and only a backup that passes its checks: the
 * manifest's checksums, `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, a schema this build
 * knows. The database is written beside its final name, fsynced, then renamed into place, so an
 * interrupted restore leaves no `backchannel.db` that a server could start on.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export const DB_FILE = 'backchannel.db';
export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'backchannel-sqlite-backup/1';

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  /** The last migration applied in the copy. */
  schemaVersion: number;
  /** Row counts of the copy, by table (what an operator compares after a restore). */
  rows: Record<string, number>;
  /** Every file of the backup but the manifest: relative path → size and sha256. */
  files: Record<string, { bytes: number; sha256: string }>;
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function sha256(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Files of a data directory besides the database and its WAL/SHM, relative paths (media etc.). */
function sideFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (rel === '' && (e.name === DB_FILE || e.name.startsWith(`${DB_FILE}-`) || e.name === MANIFEST_FILE || e.name.startsWith('.'))) continue;
    if (e.isDirectory()) out.push(...sideFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]));
}

/** Checks a database file; returns its schema version. Throws `BackupError` naming what failed. */
export function checkDatabase(file: string): { schemaVersion: number; rows: Record<string, number> } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    let integrity: Array<{ integrity_check: string }>;
    try {
      integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    } catch (err) {
      throw new BackupError(`${file} is not a readable SQLite database: ${(err as Error).message}`);
    }
    const problems = integrity.map((r) => r.integrity_check).filter((s) => s !== 'ok');
    if (problems.length > 0) throw new BackupError(`integrity_check failed: ${problems.slice(0, 5).join('; ')}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new BackupError(`foreign_key_check found ${fk.length} dangling references`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasMigrations) throw new BackupError(`${file} is not a Backchannel database (no schema_migrations)`);
    const schemaVersion = (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0;
    if (schemaVersion > MIGRATIONS.length) throw new BackupError(`the backup has schema version ${schemaVersion}; this build knows ${MIGRATIONS.length}: restore it with a newer Backchannel`);
    return { schemaVersion, rows: tableCounts(db) };
  } finally {
    db.close();
  }
}

function requireEmptyDir(dir: string, what: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new BackupError(`${what} ${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
}

/**
 * Backs up the data directory `dataDir` (the server may be running) into the new or empty
 * directory `dest`. Returns the manifest it wrote.
 */
export function backupSqlite(dataDir: string, dest: string, now: () => number = Date.now): BackupManifest {
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  requireEmptyDir(dest, 'the backup destination');
  const target = path.join(dest, DB_FILE);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  fsyncPath(target);
  const files: BackupManifest['files'] = {};
  for (const rel of sideFiles(dataDir)) {
    const to = path.join(dest, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.copyFileSync(path.join(dataDir, rel), to);
    } catch (err) {
      // Removed between the listing and the copy (e.g. retention): not in the snapshot either.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    fsyncPath(to);
    files[rel] = { bytes: fs.statSync(to).size, sha256: sha256(to) };
  }
  const checked = checkDatabase(target);
  files[DB_FILE] = { bytes: fs.statSync(target).size, sha256: sha256(target) };
  const manifest: BackupManifest = { format: FORMAT, createdAt: new Date(now()).toISOString(), schemaVersion: checked.schemaVersion, rows: checked.rows, files };
  const mf = path.join(dest, MANIFEST_FILE);
  fs.writeFileSync(mf, JSON.stringify(manifest, null, 2) + '\n');
  fsyncPath(mf);
  fsyncPath(dest);
  return manifest;
}

/** Reads and checks a backup directory without changing anything; returns its manifest. */
export function verifyBackup(src: string): BackupManifest {
  const mf = path.join(src, MANIFEST_FILE);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mf, 'utf8')) as BackupManifest;
  } catch (err) {
    throw new BackupError(`cannot read ${mf}: ${(err as Error).message}`);
  }
  if (manifest.format !== FORMAT || typeof manifest.files !== 'object' || manifest.files === null) throw new BackupError(`${mf} is not a Backchannel backup manifest (${FORMAT})`);
  if (!manifest.files[DB_FILE]) throw new BackupError(`the manifest lists no ${DB_FILE}`);
  for (const [rel, want] of Object.entries(manifest.files)) {
    const file = path.resolve(src, rel);
    if (!file.startsWith(path.resolve(src) + path.sep)) throw new BackupError(`the manifest names a file outside the backup: ${rel}`);
    if (!fs.existsSync(file)) throw new BackupError(`${rel} is missing from the backup`);
    if (fs.statSync(file).size !== want.bytes || sha256(file) !== want.sha256) throw new BackupError(`${rel} does not match its checksum: the backup is damaged`);
  }
  const checked = checkDatabase(path.join(src, DB_FILE));
  if (checked.schemaVersion !== manifest.schemaVersion) throw new BackupError(`schema version ${checked.schemaVersion} does not match the manifest's ${manifest.schemaVersion}`);
  return manifest;
}

/** Restores the backup directory `src` into the empty (or new) data directory `dataDir`. */
export function restoreSqlite(src: string, dataDir: string): BackupManifest {
  const manifest = verifyBackup(src);
  requireEmptyDir(dataDir, 'the data directory');
  for (const rel of Object.keys(manifest.files).filter((f) => f !== DB_FILE)) {
    const to = path.join(dataDir, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(src, rel), to);
    fsyncPath(to);
  }
  // The database last, under a temporary name: a crash before the rename leaves no database.
  const tmp = path.join(dataDir, `.${DB_FILE}.restoring`);
  fs.copyFileSync(path.join(src, DB_FILE), tmp);
  fsyncPath(tmp);
  if (sha256(tmp) !== manifest.files[DB_FILE]!.sha256) throw new BackupError('the copied database does not match its checksum');
  fs.renameSync(tmp, path.join(dataDir, DB_FILE));
  fsyncPath(dataDir);
  return manifest;
}
