/**
 * Whether `userId` may load an upload's bytes, checked on every fetch: its uploader until it is
 * sent, then the members of the conversation it was sent in (now, not when it was sent). Anything
 * else is the same `not_found` as an id that does not exist.
 */
import type { UploadRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';

export async function mediaFor(deps: Pick<Deps, 'store'>, userId: string, uploadId: string): Promise<UploadRow> {
  const upload = await deps.store.read.uploads.byId(uploadId);
  if (!upload) throw notFound('media');
  if (upload.conversationId === null) {
    if (upload.ownerId !== userId) throw notFound('media');
    return upload;
  }
  if (!(await deps.store.read.members.get(upload.conversationId, userId))) throw notFound('media');
  return upload;
}
