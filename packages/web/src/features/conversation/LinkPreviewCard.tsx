/**
 * A link preview under a message (docs/subsystems/links.md). Everything shown came from the server:
 * the text as text nodes, the image from our own server (the copy it re-encoded), never the
 * third-party page's URL. The image's size is reserved from the width and height the server
 * measured, so the history does not jump when it loads. The sender gets a button to remove it.
 */
import type { LinkPreview } from '@backchannel/protocol';
import { Icon } from '../../components/Icon.js';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function LinkPreviewCard({ preview, onRemove, inList = false }: { preview: LinkPreview; onRemove?: () => void; inList?: boolean }) {
  const site = preview.siteName ?? hostOf(preview.canonicalUrl);
  const tab = inList ? -1 : undefined;
  return (
    <div className="link-preview" data-testid="link-preview">
      <a className="link-preview-body" href={preview.url} target="_blank" rel="noopener noreferrer" tabIndex={tab}>
        {preview.image && (
          <img
            className="link-preview-image"
            src={preview.image.url}
            width={preview.image.width}
            height={preview.image.height}
            style={{ aspectRatio: `${preview.image.width} / ${preview.image.height}` }}
            alt=""
            loading="lazy"
            decoding="async"
            referrerPolicy="no-referrer"
          />
        )}
        <span className="link-preview-text">
          {site && <span className="link-preview-site">{site}</span>}
          {preview.title && <span className="link-preview-title">{preview.title}</span>}
          {preview.description && <span className="link-preview-description">{preview.description}</span>}
        </span>
      </a>
      {onRemove && (
        <button type="button" className="msg-action link-preview-remove" onClick={onRemove} aria-label="Remove link preview" title="Remove preview" tabIndex={tab}>
          <Icon name="close" size={16} />
        </button>
      )}
    </div>
  );
}
