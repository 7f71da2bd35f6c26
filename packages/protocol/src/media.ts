/** Uploads and media over HTTP (docs/subsystems/media.md). The attachment itself is `Attachment` in entities.ts. */
import { Type, type Static } from '@sinclair/typebox';
import { Attachment, Id, Timestamp } from './entities.js';

export const UploadResponse = Type.Object({ upload: Attachment });
export type UploadResponse = Static<typeof UploadResponse>;

/** Appended as `?t=` to media URLs (an `<img>` cannot send the session header). Bound to you, short-lived. */
export const MediaTokenResponse = Type.Object({ token: Type.String(), expiresAt: Timestamp });
export type MediaTokenResponse = Static<typeof MediaTokenResponse>;

export const MediaParams = Type.Object({ id: Id, variant: Type.Union([Type.Literal('full'), Type.Literal('thumb')]) }, { additionalProperties: false });
export const MediaQuery = Type.Object({ t: Type.String({ maxLength: 512 }) }, { additionalProperties: false });
