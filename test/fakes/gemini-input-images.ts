// Checks the fake applies to each inline image a request carries, in the way the real API refuses them:
// unsupported MIME types, a declared type that does not match the bytes, bytes that are no image at all
// and images too small to use (the live API refused an 8×8 PNG with "Unable to process input image").
import sharp from 'sharp';
import { reject, UNABLE_TO_PROCESS_IMAGE } from './gemini-envelopes.js';
import { INPUT_MIME_TYPES } from './gemini-tables.js';

export interface InlineImage {
  /** Snake-case path of the part, for error messages, e.g. `contents[0].parts[1].inline_data`. */
  path: string;
  mimeType: string | undefined;
  data: string | undefined;
}

export interface CheckedImage {
  mimeType: string;
  bytes: Buffer;
}

/** Smallest side, in pixels, the fake accepts for an input image. */
export const MIN_INPUT_SIDE = 64;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'];
const HEIF_BRANDS = ['mif1', 'msf1', 'heif'];

/** The MIME type the bytes really are, judged by their first bytes; undefined when unknown. */
export function sniffMime(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (HEIC_BRANDS.includes(brand)) return 'image/heic';
    if (HEIF_BRANDS.includes(brand)) return 'image/heif';
  }
  return undefined;
}

const isHeifFamily = (mime: string) => mime === 'image/heic' || mime === 'image/heif';

export async function checkInlineImage(image: InlineImage): Promise<CheckedImage> {
  const mimeType = image.mimeType ?? '';
  if (image.data === undefined || image.data === '' || !BASE64.test(image.data))
    throw reject(400, `Invalid value at '${image.path}.data' (TYPE_BYTES), Base64 decoding failed.`);
  if (!(INPUT_MIME_TYPES as readonly string[]).includes(mimeType))
    throw reject(400, `Unsupported MIME type: ${mimeType === '' ? '(none)' : mimeType}`);
  const bytes = Buffer.from(image.data, 'base64');
  const actual = sniffMime(bytes);
  if (actual === undefined) throw reject(400, UNABLE_TO_PROCESS_IMAGE);
  const sameFamily = isHeifFamily(actual) && isHeifFamily(mimeType);
  if (actual !== mimeType && !sameFamily) throw reject(400, `Unhandled generated data mime type: ${actual}`);
  if (!isHeifFamily(actual)) await checkDimensions(bytes);
  return { mimeType, bytes };
}

async function checkDimensions(bytes: Buffer): Promise<void> {
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  const width = meta?.width ?? 0;
  const height = meta?.height ?? 0;
  if (Math.min(width, height) < MIN_INPUT_SIDE) throw reject(400, UNABLE_TO_PROCESS_IMAGE);
}
