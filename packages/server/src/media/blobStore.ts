/**
 * Where media bytes live: a port with one backend today, a directory under the data dir
 * (`<dataDir>/media`). Keys are server-generated ids (never a client's file name); a write goes to a
 * temporary name first and is renamed into place, so a reader never sees half a file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** Null when there is no such blob. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]{1,64}(\.[a-z]{1,10})?$/;

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}

export function diskBlobStore(dir: string): BlobStore {
  // Two levels of fan-out by the key's first characters keep directories small.
  const where = (key: string) => path.join(dir, key.slice(0, 2), checked(key));
  return {
    async put(key, bytes) {
      const file = where(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes, { flag: 'wx' });
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(where(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(where(key), { force: true });
    },
  };
}
