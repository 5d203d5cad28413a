// The image store: the only code that reads or writes images and sidecars under IMG_ROOT (SPEC §5).
// Saves are atomic (image first, then sidecar, rolled back together); reads accept only names matching
// the shared pattern, refuse anything that is not a regular file, and serve a file only when its magic
// bytes agree with its extension (or are the JPEG the Python original wrote under a `.png` name, served as
// the JPEG it is). Prefs live in prefs.ts, the in-memory index in index-store.ts.

import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseEmail } from '../email.js';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../log.js';
import { writeFileAtomic } from './atomic.js';
import { createImageStem, type ImageMime, isImageName, mimeForName, sidecarNameOf, stemOf } from './names.js';
import type { ImageRecord } from './original-sidecar.js';
import { prepareReference, readImageInfo } from './preview.js';
import { isAbsent, readRegularFile } from './safe-read.js';
import { completeFromImage, parseRecordJson, SIDECAR_MAX_BYTES, scanSidecars } from './scan.js';
import { type Sidecar, type SidecarInput, serialiseSidecar, sidecarSchema } from './sidecar.js';
import { SNIFF_BYTES, sniffImage, storableType } from './sniff.js';
import { createThumbnailCache, THUMBNAIL_FOLDER, type ThumbnailFile, thumbnailFileOf } from './thumbnails.js';

/** Every sidecar field the caller knows; name, mime, width, height and bytes are derived from the bytes. */
export type GeneratedRecord = Omit<SidecarInput, 'name' | 'mime' | 'width' | 'height' | 'bytes'>;

export interface StoredImage {
  bytes: Buffer;
  mime: ImageMime;
  size: number;
  mtimeMs: number;
  /**
   * Strong ETag from the name and byte size. Names are random and never reused, and an image is
   * never rewritten, so this identifies the content without hashing megabytes on every request.
   */
  etag: string;
}

export interface ImageStoreOptions {
  root: string;
  logger: Logger;
  generateUuid?: () => string;
  /** Milliseconds clock, used to time saves in the log. */
  clock?: () => number;
}

export interface ImageStore {
  readonly root: string;
  init(): Promise<void>;
  saveGenerated(input: { bytes: Uint8Array; record: GeneratedRecord }): Promise<Sidecar>;
  readImage(name: string): Promise<StoredImage | undefined>;
  /** The record of an image: our sidecar, or the original's completed from its image. */
  readSidecar(name: string): Promise<ImageRecord | undefined>;
  hasImage(name: string): Promise<boolean>;
  loadReference(name: string): Promise<{ bytes: Buffer; mime: string } | undefined>;
  scanSidecars(): AsyncIterable<ImageRecord>;
  thumbnail(name: string): Promise<ThumbnailFile | undefined>;
  /**
   * Removes an image, its sidecar and its thumbnail (sidecar first, so a failure half-way leaves an
   * orphan image, which nothing lists, rather than a record without its image). False when none existed.
   */
  deleteImage(name: string): Promise<boolean>;
}

export function createImageStore(options: ImageStoreOptions): ImageStore {
  const { root, logger } = options;
  const clock = options.clock ?? Date.now;
  const pathOf = (file: string) => join(root, file);

  const readImage = async (name: string): Promise<StoredImage | undefined> => {
    if (!isImageName(name)) return undefined;
    const file = await guardRead(name, () => readRegularFile(pathOf(name)));
    const mime = file === undefined ? undefined : servedType(name, file.bytes, logger);
    if (file === undefined || mime === undefined) return undefined;
    const etag = `"${stemOf(name)}-${file.size.toString(36)}"`;
    return { bytes: file.bytes, mime, size: file.size, mtimeMs: file.mtimeMs, etag };
  };

  const hasImage = async (name: string): Promise<boolean> => {
    if (!isImageName(name)) return false;
    const head = await guardRead(name, () => readRegularFile(pathOf(name), SNIFF_BYTES));
    return head !== undefined && servedType(name, head.bytes, logger) !== undefined;
  };

  const thumbnails = createThumbnailCache({
    root,
    logger,
    hasImage,
    readImageBytes: async (name) => (await readImage(name))?.bytes,
  });

  return {
    root,
    async init() {
      await mkdir(join(root, THUMBNAIL_FOLDER), { recursive: true });
    },
    async saveGenerated({ bytes, record }) {
      const started = clock();
      const sidecar = await describe(bytes, record, options.generateUuid);
      await writeFileAtomic(pathOf(sidecar.name), bytes);
      try {
        await writeFileAtomic(pathOf(sidecarNameOf(sidecar.name)), serialiseSidecar(sidecar));
      } catch (error) {
        await unlink(pathOf(sidecar.name)).catch(() => undefined);
        throw new AppError('internal', `Could not record image ${sidecar.name}; nothing was kept.`, {
          cause: error,
        });
      }
      await thumbnails.create(sidecar.name, bytes);
      logger.info({ name: sidecar.name, bytes: sidecar.bytes, ms: clock() - started }, 'image stored');
      return sidecar;
    },
    readImage,
    hasImage,
    async readSidecar(name) {
      if (!isImageName(name)) return undefined;
      const file = sidecarNameOf(name);
      const contents = await guardRead(name, () => readRegularFile(pathOf(file), SIDECAR_MAX_BYTES));
      if (contents === undefined) return undefined;
      const parsed = parseRecordJson(contents.bytes.toString('utf8'));
      const outcome = checkRecord(root, name, parsed);
      if (outcome.ok) return outcome.sidecar;
      logger.warn({ file, reason: outcome.reason }, 'ignoring unusable sidecar');
      return undefined;
    },
    async loadReference(name) {
      const image = await readImage(name);
      if (image === undefined) return undefined;
      try {
        const { bytes, mime } = await prepareReference(image.bytes);
        return { bytes, mime };
      } catch (error) {
        if (!isAppError(error)) throw error;
        throw new AppError(error.code, `Reference image ${name}: ${error.message}`, { cause: error });
      }
    },
    scanSidecars: () => scanSidecars({ root, logger }),
    thumbnail: (name) => thumbnails.get(name),
    async deleteImage(name) {
      if (!isImageName(name)) return false;
      const removed: boolean[] = [];
      for (const file of [sidecarNameOf(name), name, thumbnailFileOf(name)])
        removed.push(await guardRead(name, () => removeFile(pathOf(file))));
      const existed = removed[0] === true || removed[1] === true;
      if (existed) logger.info({ name }, 'image deleted');
      return existed;
    },
  };
}

/** The record of `name` from its parsed sidecar, completed from the image when the original wrote it. */
function checkRecord(
  root: string,
  name: string,
  parsed: ReturnType<typeof parseRecordJson>,
): { ok: true; sidecar: ImageRecord } | { ok: false; reason: string } {
  if (!parsed.ok) return parsed;
  const found = parsed.kind === 'ours' ? parsed.sidecar.name : parsed.original.name;
  if (found !== name) return { ok: false, reason: `its name field "${found}" does not match the file name` };
  return parsed.kind === 'ours' ? parsed : completeFromImage(root, parsed.original);
}

/** Derives name, type and dimensions from the bytes and validates the complete sidecar. */
async function describe(
  bytes: Uint8Array,
  record: GeneratedRecord,
  generateUuid: (() => string) | undefined,
): Promise<Sidecar> {
  const type = storableType(bytes);
  if (type === undefined) {
    const found = sniffImage(bytes)?.format.toUpperCase() ?? 'data that is not an image';
    throw new AppError('internal', `Gemini returned ${found}; only PNG and JPEG images can be stored.`);
  }
  const { width, height } = await readImageInfo(bytes);
  const name = `${createImageStem(generateUuid)}.${type.extension}`;
  const parsed = sidecarSchema.safeParse({
    ...record,
    email: normaliseEmail(record.email),
    name,
    mime: type.mime,
    width,
    height,
    bytes: bytes.length,
  });
  if (!parsed.success)
    throw new AppError('internal', `The image record is incomplete or invalid: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  return parsed.data;
}

/**
 * The type to serve a file as: what its first bytes say, when that agrees with its extension or is the
 * JPEG the original wrote under a `.png` name. Anything else is never served (it is not what it claims).
 */
function servedType(name: string, bytes: Uint8Array, logger: Logger): ImageMime | undefined {
  const actual = storableType(bytes)?.mime;
  const claimed = mimeForName(name);
  if (actual === claimed || (actual === 'image/jpeg' && claimed === 'image/png')) return actual;
  logger.warn({ name, found: actual ?? 'unknown' }, 'image content does not match its extension');
  return undefined;
}

/** Unlinks one file; false when it was not there. */
async function removeFile(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (isAbsent(error)) return false;
    throw error;
  }
}

async function guardRead<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new AppError('internal', `Could not read ${name} from the data folder; check its permissions.`, {
      cause: error,
    });
  }
}
