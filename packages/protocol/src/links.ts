/** Link previews over HTTP (docs/subsystems/links.md). The preview itself is `LinkPreview` in entities.ts; a message's routes take `MessageParams` (messageActions.ts). */
import { Type } from '@sinclair/typebox';
import { Id } from './entities.js';

export const LinkImageParams = Type.Object({ id: Id }, { additionalProperties: false });
