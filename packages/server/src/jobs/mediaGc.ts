/**
 * media.gc: uploads no message took within a day are deleted, bytes first, then the row (a crash in
 * between leaves a row whose bytes are gone, which the next run deletes; never bytes without a
 * row that could be served). Recurring, hourly, on one node at a time.
 */
import type { Deps } from '../domain/deps.js';
import { thumbKey } from '../domain/media/uploadImage.js';
import type { BlobStore } from '../media/blobStore.js';
import type { JobKind } from './kind.js';

export const MEDIA_GC_KIND = 'media.gc';
export const UNSENT_UPLOAD_TTL_MS = 86_400_000;
const BATCH = 200;

export function mediaGcJob(deps: Pick<Deps, 'store'>, blobs: BlobStore): JobKind<unknown> {
  return {
    kind: MEDIA_GC_KIND,
    everyMs: 3_600_000,
    maxAttempts: 3,
    timeoutMs: 120_000,
    async run(job) {
      for (let round = 0; round < 20 && !job.signal.aborted; round++) {
        const stale = await deps.store.read.uploads.unattachedBefore(job.now - UNSENT_UPLOAD_TTL_MS, BATCH);
        for (const u of stale) {
          await blobs.delete(u.id);
          await blobs.delete(thumbKey(u.id));
          await deps.store.write((tx) => tx.uploads.delete(u.id));
        }
        if (stale.length < BATCH) return;
      }
    },
  };
}
