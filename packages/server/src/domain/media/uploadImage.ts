/**
 * An upload (docs/subsystems/media.md): bytes already read under the size cap by the route, turned
 * into our own WebP copy, a thumbnail and a placeholder; the copies go to the media store first,
 * then the row, so a row never points at missing bytes. Not attached to any message yet: a send
 * references it by id, and an upload no message took is deleted after a day (jobs/mediaGc.ts).
 */
import type { UploadRow, UserRow } from '../../storage/store.js';
import type { BlobStore } from '../../media/blobStore.js';
import { ImageRejected } from '../../media/image.js';
import { processImage, type ImageLimits } from '../../media/processImage.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';

export const thumbKey = (id: string) => `${id}.thumb`;

export async function uploadImage(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, blobs: BlobStore, limits: ImageLimits, me: UserRow, bytes: Buffer): Promise<UploadRow> {
  if (bytes.length === 0) throw new DomainError('unsupported_media', 'The upload is empty.');
  let processed;
  try {
    processed = await processImage(bytes, limits);
  } catch (err) {
    if (err instanceof ImageRejected) throw new DomainError('unsupported_media', err.message, { reason: err.code });
    throw err;
  }
  const id = deps.ids.id();
  await blobs.put(id, processed.full.bytes);
  await blobs.put(thumbKey(id), processed.thumb.bytes);
  const row: UploadRow = {
    id,
    kind: 'image',
    contentType: processed.full.contentType,
    width: processed.full.width,
    height: processed.full.height,
    size: processed.full.bytes.length,
    placeholder: processed.placeholder,
    ownerId: me.id,
    createdAt: deps.clock.now(),
    conversationId: null,
    messageId: null,
  };
  await deps.store.write((tx) => tx.uploads.insert(row));
  return row;
}
