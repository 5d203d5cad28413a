// Tells an image's real format from its first bytes (magic numbers). Gemini's declared `mimeType` and a
// file's extension are both claims; these signatures are the evidence the store and the reference path
// rely on. Pure: bytes in, format out, no decoding (sharp lives in preview.ts).
import type { ImageExtension, ImageMime } from './names.js';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'heic' | 'heif' | 'avif';

export interface SniffedImage {
  format: ImageFormat;
  mime: `image/${ImageFormat}`;
}

/** How many leading bytes `sniffImage` needs to recognise every format it knows. */
export const SNIFF_BYTES = 16;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The true format of `bytes`, or undefined when it is not an image format we recognise. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const format = detectFormat(bytes);
  return format === undefined ? undefined : { format, mime: `image/${format}` };
}

function detectFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') return isoBrandFormat(ascii(bytes, 8, 12));
  return undefined;
}

/** ISO base media files (HEIF family) name their flavour in the major brand after `ftyp`. */
function isoBrandFormat(brand: string): ImageFormat | undefined {
  if (HEIC_BRANDS.has(brand)) return 'heic';
  if (HEIF_BRANDS.has(brand)) return 'heif';
  if (AVIF_BRANDS.has(brand)) return 'avif';
  return undefined;
}

/**
 * The extension and MIME type under which the store keeps `bytes`: only PNG and JPEG, the two formats
 * Gemini returns. Anything else gives undefined.
 */
export function storableType(bytes: Uint8Array): { extension: ImageExtension; mime: ImageMime } | undefined {
  const sniffed = sniffImage(bytes);
  if (sniffed?.format === 'png') return { extension: 'png', mime: 'image/png' };
  if (sniffed?.format === 'jpeg') return { extension: 'jpg', mime: 'image/jpeg' };
  return undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((value, i) => bytes[i] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return '';
  return String.fromCharCode(...bytes.subarray(start, end));
}
