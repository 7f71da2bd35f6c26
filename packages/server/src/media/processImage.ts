/**
 * An uploaded image → what we store and serve (docs/subsystems/media.md): the type by its bytes
 * (JPEG, PNG, GIF, WebP only), a pixel bomb refused from the header, orientation applied, metadata
 * dropped, the longest side capped, re-encoded as WebP (an animated GIF or WebP stays animated);
 * a thumbnail and a tiny blurred placeholder sent inline with the message.
 */
import sharp, { type Metadata } from 'sharp';
import { ImageRejected, type EncodedImage } from './image.js';
import { sniffImage } from './sniff.js';

export interface ImageLimits {
  maxSide: number;
  thumbSide: number;
  maxInputPixels: number;
}

export interface ProcessedImage {
  full: EncodedImage;
  thumb: EncodedImage;
  /** A `data:image/webp;base64,…` URL, a few hundred bytes. */
  placeholder: string;
}

async function encode(input: Buffer, side: number, animated: boolean, limit: number, quality: number): Promise<EncodedImage> {
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: limit, animated })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .webp({ quality })
    .toBuffer({ resolveWithObject: true });
  // For an animation, sharp reports the height of all frames stacked; the page height is one frame.
  const height = animated && info.pageHeight ? info.pageHeight : info.height;
  return { bytes: data, contentType: 'image/webp', width: info.width, height };
}

export async function processImage(input: Buffer, o: ImageLimits): Promise<ProcessedImage> {
  const type = sniffImage(input);
  if (type === null) throw new ImageRejected('unsupported_type', 'Only JPEG, PNG, GIF and WebP images can be sent (judged by the file\'s content).');
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error' }).metadata();
  } catch {
    throw new ImageRejected('corrupt', 'The image is damaged or truncated.');
  }
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  if (!meta.width || !frameHeight) throw new ImageRejected('corrupt', 'The image has no dimensions.');
  if (meta.width * frameHeight * (meta.pages ?? 1) > o.maxInputPixels) throw new ImageRejected('too_many_pixels', `The image is too large (${meta.width}×${frameHeight}).`);
  const animated = (meta.pages ?? 1) > 1 && (type === 'image/gif' || type === 'image/webp');
  try {
    const full = await encode(input, o.maxSide, animated, o.maxInputPixels, 82);
    const thumb = await encode(input, o.thumbSide, false, o.maxInputPixels, 70);
    const tiny = await sharp(thumb.bytes).resize({ width: 16, height: 16, fit: 'inside' }).blur(1).webp({ quality: 40 }).toBuffer();
    return { full, thumb, placeholder: `data:image/webp;base64,${tiny.toString('base64')}` };
  } catch (err) {
    if (err instanceof ImageRejected) throw err;
    throw new ImageRejected('corrupt', 'The image is damaged or truncated.');
  }
}
