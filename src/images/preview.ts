// Everything that decodes or encodes pixels, and the only module that imports sharp: image facts, the
// small JPEG preview inlined in an MCP result, gallery thumbnails, and references made fit for Gemini.
// Every decode has a pixel limit, and any decoder failure becomes an AppError, never a crash.
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../errors.js';
import { type ImageFormat, type SniffedImage, sniffImage } from './sniff.js';

/**
 * Decode limit: twice the largest Gemini output (12288×1536 ≈ 18.9 MP at flash 4K 8:1), so every real
 * image opens while a decompression bomb is refused before it can take gigabytes of memory.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

/** Preview: base64-inlined into a tool result that must stay under 1 MiB, so keep it far below that. */
export const PREVIEW_MAX_SIDE = 512;
export const PREVIEW_MAX_BYTES = 400_000;

/** Thumbnail: a gallery page shows ~100 cards, which must weigh under 2 MB in total. */
export const THUMBNAIL_MAX_SIDE = 320;
export const THUMBNAIL_MAX_BYTES = 15_000;

/**
 * References: Gemini allows 14 per request and the whole request must stay well under 20 MB. With each
 * reference at most 900 KB, base64 (×4/3) makes 14 of them ≈ 16.8 MB, leaving room for the prompt.
 * Gemini looks at references at far below 2048 px, so the side limit costs no useful detail.
 */
export const REFERENCE_MAX_SIDE = 2048;
export const REFERENCE_MAX_BYTES = 900_000;
const GEMINI_INPUT_FORMATS: ReadonlySet<ImageFormat> = new Set(['png', 'jpeg', 'webp', 'heic', 'heif']);

export interface ImageInfo {
  width: number;
  height: number;
  format: ImageFormat;
}

export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface Preview extends EncodedImage {
  mime: 'image/jpeg';
}

export interface Thumbnail extends EncodedImage {
  mime: 'image/webp';
}

export interface PreparedReference {
  bytes: Buffer;
  mime: SniffedImage['mime'];
  /** True when the bytes were re-encoded rather than passed through untouched. */
  resized: boolean;
}

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

type Encoder = (image: Sharp, quality: number) => Sharp;

/**
 * Previews use the plain libjpeg-turbo encoder with optimised Huffman tables: mozjpeg would save about a
 * quarter of a preview's few kilobytes but take six times as long, on every generation's critical path.
 */
const toSmallJpeg: Encoder = (image, quality) => image.jpeg({ quality, optimiseCoding: true });
const toJpeg: Encoder = (image, quality) => image.jpeg({ quality });
/** Effort 2 makes thumbnails about twice as fast as 4 for a few percent more bytes. */
const toWebp: Encoder = (image, quality) => image.webp({ quality, effort: 2 });

/** Width and height as displayed (EXIF orientation applied) and the true format from the magic bytes. */
export async function readImageInfo(bytes: Uint8Array): Promise<ImageInfo> {
  const sniffed = requireImage(bytes);
  const meta = await guard('read the image size', () => open(bytes).metadata());
  return { width: meta.autoOrient.width, height: meta.autoOrient.height, format: sniffed.format };
}

/** Previews are flattened onto white (JPEG has no alpha) and shown inline, so a little quality can go. */
const PREVIEW: FitOptions = {
  maxSide: PREVIEW_MAX_SIDE,
  flatten: true,
  encode: toSmallJpeg,
  qualities: [82, 70, 55, 40],
  maxBytes: PREVIEW_MAX_BYTES,
  task: 'make a preview',
};

/** Thumbnails keep alpha (WebP has it) and are small, so a lower quality is fine. */
const THUMBNAIL: FitOptions = {
  maxSide: THUMBNAIL_MAX_SIDE,
  flatten: false,
  encode: toWebp,
  qualities: [60, 48, 36, 26],
  maxBytes: THUMBNAIL_MAX_BYTES,
  task: 'make a thumbnail',
};

/** A JPEG whose longest side is at most 512 px and whose size stays under PREVIEW_MAX_BYTES. */
export async function makePreview(bytes: Uint8Array): Promise<Preview> {
  requireImage(bytes);
  return { ...(await fitAndEncode(bytes, PREVIEW)), mime: 'image/jpeg' };
}

/** A WebP gallery thumbnail, longest side at most 320 px and at most THUMBNAIL_MAX_BYTES. */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail> {
  requireImage(bytes);
  return { ...(await fitAndEncode(bytes, THUMBNAIL)), mime: 'image/webp' };
}

export interface PreparedImage {
  /** Width and height as displayed, and the true format, from the image's header. */
  info: ImageInfo;
  /**
   * The preview, from the one full decode; it rejects when the image turns out to be damaged, so a
   * caller that stores the image waits for it before making the image visible.
   */
  preview: Promise<Preview>;
  /** The gallery thumbnail, made from the preview; nothing on a caller's answer waits for it. */
  thumbnail: Promise<Thumbnail>;
}

/**
 * Everything a freshly generated image needs, with the image itself decoded once: its facts (from the
 * header, at once), then the preview, decoded (fully, so a truncated or damaged file is refused),
 * shrunk and encoded in one libvips pipeline, and the thumbnail, made from the 512 px preview rather
 * than from the original again (a transparent image's thumbnail is on white, like its preview). Only
 * data that is not an image at all is refused here; a damaged image rejects `preview` and `thumbnail`.
 * Both are marked handled, so results nobody waits for cannot crash the process as unhandled rejections.
 */
export async function prepareGenerated(bytes: Uint8Array): Promise<PreparedImage> {
  const sniffed = requireImage(bytes);
  const preview = handled(makePreview(bytes));
  const thumbnail = handled(preview.then((made) => oneAtATime(() => makeThumbnail(made.data))));
  const meta = await guard('read the generated image', () => open(bytes).metadata());
  const info = { width: meta.autoOrient.width, height: meta.autoOrient.height, format: sniffed.format };
  return { info, preview, thumbnail };
}

/**
 * Thumbnails of fresh images are made one at a time: nobody is waiting for them, while a burst of
 * finished generations is waiting for its previews, which then get the CPU first.
 */
let thumbnailQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = thumbnailQueue.then(work, work);
  thumbnailQueue = run.catch(() => undefined);
  return run;
}

/** Marks a promise as handled (its rejection still reaches whoever awaits it) and returns it. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Makes an image fit to send to Gemini as a reference, labelled with its true MIME type. A format
 * Gemini reads that is within REFERENCE_MAX_BYTES and REFERENCE_MAX_SIDE passes through untouched;
 * anything else is downscaled and re-encoded as JPEG.
 */
export async function prepareReference(bytes: Uint8Array): Promise<PreparedReference> {
  const sniffed = requireImage(bytes);
  if (GEMINI_INPUT_FORMATS.has(sniffed.format) && bytes.length <= REFERENCE_MAX_BYTES) {
    const info = await readImageInfo(bytes);
    if (Math.max(info.width, info.height) <= REFERENCE_MAX_SIDE) {
      await assertDecodes(bytes, 'read the reference image');
      return { bytes: asBuffer(bytes), mime: sniffed.mime, resized: false };
    }
  }
  const raw = await decodeFitting(bytes, REFERENCE_MAX_SIDE, true, 'prepare the reference image');
  const encoded = await encodeWithinBudget(raw, toJpeg, [88, 78, 66, 52], REFERENCE_MAX_BYTES);
  return { bytes: encoded.data, mime: 'image/jpeg', resized: true };
}

/** A Buffer view of the same memory (no copy), so callers can base64-encode it directly. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function requireImage(bytes: Uint8Array): SniffedImage {
  const sniffed = sniffImage(bytes);
  if (sniffed === undefined)
    throw new AppError(
      'internal',
      'The data is not an image in a known format (PNG, JPEG, WebP, GIF, HEIC/HEIF or AVIF); it cannot be processed.',
    );
  return sniffed;
}

function open(bytes: Uint8Array): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', autoOrient: true });
}

/** The header alone can look fine on a truncated file; a tiny full decode proves the data is whole. */
async function assertDecodes(bytes: Uint8Array, task: string): Promise<void> {
  await guard(task, () => open(bytes).resize({ width: 32, height: 32, fit: 'inside' }).raw().toBuffer());
}

/**
 * Shrinking filter for previews and thumbnails: a tent ("linear") filter scaled to the shrink factor
 * averages every source pixel, so nothing aliases, and at 512 px or less the extra sharpness of lanczos3
 * does not show. It shrinks a 1K JPEG about a sixth faster and a 4K JPEG about a third faster.
 */
const SHRINK_KERNEL = 'linear';

function fitted(image: Sharp, maxSide: number, flatten: boolean): Sharp {
  const pipeline = image.resize({
    width: maxSide,
    height: maxSide,
    fit: 'inside',
    withoutEnlargement: true,
    kernel: SHRINK_KERNEL,
  });
  return flatten ? pipeline.flatten({ background: '#ffffff' }) : pipeline;
}

interface FitOptions {
  maxSide: number;
  flatten: boolean;
  encode: Encoder;
  qualities: readonly number[];
  maxBytes: number;
  task: string;
}

/**
 * Decodes, shrinks and encodes at the first quality in one libvips pipeline (no pixel buffer in
 * between, which is what makes it fast). Only when that is over budget (noise-like images) are the
 * fitted image's own pixels encoded again at falling qualities.
 */
async function fitAndEncode(bytes: Uint8Array, options: FitOptions): Promise<EncodedImage> {
  const { maxSide, flatten, encode, qualities, maxBytes, task } = options;
  const first = await guard(task, () =>
    encode(fitted(open(bytes), maxSide, flatten), qualities[0] ?? 80).toBuffer({ resolveWithObject: true }),
  );
  if (first.data.length <= maxBytes)
    return { data: first.data, width: first.info.width, height: first.info.height };
  const raw = await decodeFitting(first.data, maxSide, flatten, task);
  return encodeWithinBudget(raw, encode, qualities.slice(1), maxBytes);
}

/** One decode: orient, shrink to fit a square of `maxSide`, optionally flatten alpha onto white. */
async function decodeFitting(bytes: Uint8Array, maxSide: number, flatten: boolean, task: string) {
  return guard(task, async () => {
    const { data, info } = await fitted(open(bytes), maxSide, flatten)
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  });
}

/**
 * Encodes at falling qualities until the result fits `maxBytes`. If even the lowest quality is too big
 * (pure noise), shrinks the pixels by the factor that size suggests and tries again; always ends under
 * budget. A first try that is hopelessly over budget skips straight to the lowest quality.
 */
async function encodeWithinBudget(
  raw: RawImage,
  encode: Encoder,
  qualities: readonly number[],
  maxBytes: number,
): Promise<EncodedImage> {
  let current = raw;
  for (;;) {
    let smallest = Number.POSITIVE_INFINITY;
    for (const quality of qualities) {
      const hopeless = Number.isFinite(smallest) && smallest > maxBytes * 3;
      if (hopeless && quality !== qualities.at(-1)) continue;
      const data = await encode(fromRaw(current), quality).toBuffer();
      if (data.length <= maxBytes) return { data, width: current.width, height: current.height };
      smallest = Math.min(smallest, data.length);
    }
    if (current.width <= 16 && current.height <= 16)
      throw new AppError('internal', `Could not encode the image within ${maxBytes} bytes.`);
    current = await shrink(current, Math.min(0.9, Math.max(0.25, Math.sqrt(maxBytes / smallest) * 0.95)));
  }
}

function fromRaw(raw: RawImage): Sharp {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
}

async function shrink(raw: RawImage, factor: number): Promise<RawImage> {
  const width = Math.max(1, Math.round(raw.width * factor));
  const height = Math.max(1, Math.round(raw.height * factor));
  const { data, info } = await fromRaw(raw)
    .resize({ width, height, fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Runs a sharp task and turns any decoder failure into an AppError that says what went wrong. */
async function guard<T>(task: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError(
      'internal',
      `Could not ${task}: the image is corrupt, truncated or over ${MAX_INPUT_PIXELS} pixels (${detail}).`,
      { cause: error },
    );
  }
}
