/**
 * Decoding and re-encoding images with sharp (libvips): what we serve is always our own encoding,
 * never the bytes we were given. Metadata (EXIF, GPS, XMP, ICC beyond sRGB) is dropped, the EXIF
 * orientation is applied first, the size is capped, and a pixel bomb is refused from its header
 * (`limitInputPixels`) before any pixel is decoded.
 */
import sharp, { type Metadata } from 'sharp';
import { sniffImage } from './sniff.js';

export interface EncodedImage {
  bytes: Buffer;
  contentType: 'image/webp';
  width: number;
  height: number;
}

export class ImageRejected extends Error {
  override readonly name = 'ImageRejected';
  constructor(readonly code: 'unsupported_type' | 'too_many_pixels' | 'corrupt', message: string) {
    super(message);
  }
}

export interface ReencodeOptions {
  /** Longest side of the output. */
  maxSide: number;
  /** Largest input, in pixels (width × height), read from the header. */
  maxInputPixels: number;
  quality?: number;
}

export async function reencodeImage(input: Buffer, o: ReencodeOptions): Promise<EncodedImage> {
  if (sniffImage(input) === null) throw new ImageRejected('unsupported_type', 'not a JPEG, PNG, GIF or WebP image');
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error' }).metadata();
  } catch (err) {
    throw new ImageRejected('corrupt', (err as Error).message);
  }
  if (!meta.width || !meta.height) throw new ImageRejected('corrupt', 'no dimensions');
  if (meta.width * meta.height > o.maxInputPixels) throw new ImageRejected('too_many_pixels', `${meta.width}×${meta.height} is more than ${o.maxInputPixels} pixels`);
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: o.maxInputPixels })
      .rotate()
      .resize({ width: o.maxSide, height: o.maxSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: o.quality ?? 80 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height };
  } catch (err) {
    throw new ImageRejected('corrupt', (err as Error).message);
  }
}
