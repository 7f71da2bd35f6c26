/**
 * The links.preview kind's name, key and payload, apart from its handler (jobs/linkPreview.ts) so
 * the send path can enqueue it without loading the fetcher or the image library.
 */
export const LINK_PREVIEW_KIND = 'links.preview';
export const LINK_PREVIEW_MAX_ATTEMPTS = 3;

export interface LinkPreviewPayload {
  conversationId: string;
  seq: number;
  messageId: string;
}

/** One job per message: a retried send never enqueues a second. */
export const linkPreviewJobKey = (messageId: string) => `${LINK_PREVIEW_KIND}:${messageId}`;
