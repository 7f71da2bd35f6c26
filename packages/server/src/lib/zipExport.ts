/**
 * Streams JSON files into a zip archive (yazl: a streaming zip writer with no dependencies but a
 * CRC-32; entries are deflated as they are written). Files are taken from the source only as fast
 * as the reader drains the archive, so a large export never sits in memory whole.
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import yazl from 'yazl';

export interface JsonFile {
  path: string;
  data: unknown;
}

export function zipJsonFiles(files: AsyncIterable<JsonFile>, mtime: Date, onError: (err: unknown) => void): Readable {
  const zip = new yazl.ZipFile();
  const out = zip.outputStream as unknown as Readable & { writableNeedDrain?: boolean };
  void (async () => {
    try {
      for await (const f of files) {
        zip.addBuffer(Buffer.from(JSON.stringify(f.data, null, 2) + '\n'), f.path, { mtime, mode: 0o100644 });
        // The archive's stream is a PassThrough: wait while the reader has not taken what is queued.
        while (out.writableNeedDrain) await once(out, 'drain');
      }
      zip.end();
    } catch (err) {
      onError(err);
      // A truncated archive fails to open: the reader cannot mistake it for a whole export.
      out.destroy(err as Error);
    }
  })();
  return out;
}
