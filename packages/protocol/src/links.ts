/** Link previews over HTTP (docs/subsystems/links.md). The preview itself is `LinkPreview` in entities.ts. */
import { Type } from '@sinclair/typebox';
import { Id } from './entities.js';

export const MessagePreviewParams = Type.Object({ id: Id, messageId: Id }, { additionalProperties: false });
export const LinkImageParams = Type.Object({ id: Id }, { additionalProperties: false });
