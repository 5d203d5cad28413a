// The image store: the only code that reads or writes images and sidecars under IMG_ROOT.
// A save is ordered so that a crash at any moment leaves either nothing visible or an image with its
// record: both go to hidden temp files first (synced), the sidecar is renamed into place, and only then
// the image; start-up reconciliation (reconcile.ts) finishes or clears whatever a crash interrupted. Reads accept only names matching the shared pattern, refuse anything that
// is not a regular file, and serve a file only when its magic bytes agree with its extension. Recently
// read or saved images are kept in a byte-bounded memory cache (memory-cache.ts). A file is served as
// the type its bytes say, which for the JPEG the Python original wrote under a `.png` name is JPEG; the
// original's nine-field sidecars are completed from their image. Prefs live in prefs.ts, the in-memory
// index in index-store.ts.

import { renameSync } from 'node:fs';
import { lstat, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { normaliseEmail } from '../email.js';
import { AppError, isAppError } from '../errors.js';
import {
  isAbsent,
  readRegularFile,
  removeQuietly,
  renameDurably,
  tempPathFor,
  writeFileDurably,
} from '../fs/index.js';
import type { Logger } from '../log.js';
import { createByteCache } from './memory-cache.js';
import {
  createImageStem,
  type ImageExtension,
  type ImageMime,
  isImageName,
  mimeForName,
  sidecarNameOf,
  stemOf,
} from './names.js';
import type { ImageRecord } from './original-sidecar.js';
import { type PreparedImage, prepareGenerated, prepareReference } from './preview.js';
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
  /** Milliseconds clock, used to time saves in the log and to age cache entries. */
  clock?: () => number;
  /** Memory for recently served or saved images, in bytes; 0 turns the cache off. Default 128 MiB. */
  cacheBytes?: number;
}

/** Default size of the image memory cache. */
export const DEFAULT_IMAGE_CACHE_BYTES = 128 * 1024 * 1024;
/**
 * A cached image (or thumbnail) is checked against the disk at most this often, so a file removed by hand
 * stops being served within this time. Deletions made by the server itself call `evict` and take effect
 * at once.
 */
const RECHECK_MS = 30_000;

export interface ImageStore {
  readonly root: string;
  init(): Promise<void>;
  /**
   * Stores a generated image with its record; `prepared` (one decode's results) is computed when absent.
   * Rejects with the decode's own error when the image turns out damaged (nothing is kept then).
   */
  saveGenerated(input: {
    bytes: Uint8Array;
    record: GeneratedRecord;
    prepared?: PreparedImage;
  }): Promise<Sidecar>;
  /** Resolves once the thumbnails still being written in the background are on disk. */
  idle(): Promise<void>;
  /** A stored image (from memory when cached); the same object for repeated hits on a cached image. */
  readImage(name: string): Promise<StoredImage | undefined>;
  /** The cached image when it is in memory and recently checked; never touches the disk. */
  cachedImage(name: string): StoredImage | undefined;
  /** The thumbnail when it is in memory and its image was recently seen on disk; never touches the disk. */
  cachedThumbnail(name: string): ThumbnailFile | undefined;
  /** Forgets any cached copy of the image and its thumbnail (call it when a file is deleted). */
  evict(name: string): void;
  /** The record of an image: our sidecar, or the original's completed from its image. */
  readSidecar(name: string): Promise<ImageRecord | undefined>;
  hasImage(name: string): Promise<boolean>;
  loadReference(name: string): Promise<{ bytes: Buffer; mime: string } | undefined>;
  scanSidecars(): AsyncIterable<ImageRecord>;
  thumbnail(name: string): Promise<ThumbnailFile | undefined>;
  /**
   * Removes an image, its sidecar and its thumbnail, and forgets any cached copy (sidecar first, so a
   * failure half-way leaves an orphan image rather than a record without its image). False when none
   * existed.
   */
  deleteImage(name: string): Promise<boolean>;
}

export function createImageStore(options: ImageStoreOptions): ImageStore {
  const { root, logger } = options;
  const clock = options.clock ?? Date.now;
  const pathOf = (file: string) => join(root, file);
  const cache = createByteCache<{ image: StoredImage; checkedAt: number }>(
    options.cacheBytes ?? DEFAULT_IMAGE_CACHE_BYTES,
  );
  const remember = (name: string, mime: ImageMime, file: Omit<StoredImage, 'mime' | 'etag'>): StoredImage => {
    const etag = `"${stemOf(name)}-${file.size.toString(36)}"`;
    const { bytes, size, mtimeMs } = file;
    const image = { bytes, mime, size, mtimeMs, etag };
    cache.set(name, { image, checkedAt: clock() }, size);
    return image;
  };

  const cachedImage = (name: string): StoredImage | undefined => {
    const entry = cache.get(name);
    return entry !== undefined && clock() - entry.checkedAt < RECHECK_MS ? entry.image : undefined;
  };

  /** A cached entry past its check interval is kept only if the same regular file is still there. */
  const stillOnDisk = async (name: string, image: StoredImage): Promise<boolean> => {
    const info = await lstat(pathOf(name)).catch(() => undefined);
    return info?.isFile() === true && info.size === image.size;
  };

  const readImage = async (name: string): Promise<StoredImage | undefined> => {
    if (!isImageName(name)) return undefined;
    const fresh = cachedImage(name);
    if (fresh !== undefined) return fresh;
    const stale = cache.get(name);
    if (stale !== undefined) {
      if (await stillOnDisk(name, stale.image)) {
        stale.checkedAt = clock();
        return stale.image;
      }
      cache.delete(name);
    }
    const file = await guardRead(name, () => readRegularFile(pathOf(name)));
    const mime = file === undefined ? undefined : servedType(name, file.bytes, logger);
    if (file === undefined || mime === undefined) return undefined;
    return remember(name, mime, file);
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
    clock,
    recheckMs: RECHECK_MS,
  });

  return {
    root,
    async init() {
      await mkdir(join(root, THUMBNAIL_FOLDER), { recursive: true });
    },
    async saveGenerated({ bytes, record, prepared }) {
      const started = clock();
      const type = requireStorable(bytes);
      const facts = prepared ?? (await prepareGenerated(bytes));
      const sidecar = describe(bytes, type, record, facts.info, options.generateUuid);
      // The files are written while the image is still being decoded; they become visible only once
      // the decode has proved it whole (a damaged image rejects the preview, and nothing is kept).
      await writeImageAndRecord(root, sidecar, bytes, facts.preview);
      const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
      remember(sidecar.name, sidecar.mime, { bytes: buffer, size: buffer.length, mtimeMs: clock() });
      // The thumbnail is only a cache: it is written in the background, and its failure is logged.
      thumbnails.storeWhenMade(sidecar.name, facts.thumbnail);
      logger.info({ name: sidecar.name, bytes: sidecar.bytes, ms: clock() - started }, 'image stored');
      return sidecar;
    },
    idle: () => thumbnails.idle(),
    readImage,
    cachedImage,
    cachedThumbnail: (name) => thumbnails.cached(name),
    evict(name) {
      cache.delete(name);
      thumbnails.evict(name);
    },
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
      // A thumbnail still being written would otherwise land after the delete and outlive its image.
      await thumbnails.settled(name);
      const removed: boolean[] = [];
      for (const file of [sidecarNameOf(name), name, thumbnailFileOf(name)])
        removed.push(await guardRead(name, () => removeFile(pathOf(file))));
      cache.delete(name);
      thumbnails.evict(name);
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

/**
 * Writes both files so that a crash at any moment leaves nothing visible, or the image with its record:
 * image and sidecar go to temp files (synced, in parallel, while `whole` — the decode — runs), then,
 * once both are written and the image has proved whole, the sidecar is renamed into place, then the
 * image, then the folder is synced once. Start-up reconciliation finishes or clears an interrupted save.
 * A failed decode rejects with its own error; a failed write with "could not record".
 */
async function writeImageAndRecord(
  root: string,
  sidecar: Sidecar,
  bytes: Uint8Array,
  whole: Promise<unknown>,
): Promise<void> {
  const imagePath = join(root, sidecar.name);
  const sidecarPath = join(root, sidecarNameOf(sidecar.name));
  const imageTemp = tempPathFor(imagePath);
  const sidecarTemp = tempPathFor(sidecarPath);
  let renamed = false;
  const removeAll = () => {
    for (const file of [imageTemp, sidecarTemp, ...(renamed ? [sidecarPath] : [])]) removeQuietly(file);
  };
  // All three settle before anything is removed, so no write can create a temp file after the clean-up.
  const [image, record, decoded] = await Promise.allSettled([
    writeFileDurably(imageTemp, bytes),
    writeFileDurably(sidecarTemp, serialiseSidecar(sidecar)),
    whole,
  ]);
  if (decoded.status === 'rejected') {
    removeAll();
    throw decoded.reason;
  }
  try {
    for (const written of [image, record]) if (written.status === 'rejected') throw written.reason;
    renameSync(sidecarTemp, sidecarPath);
    renamed = true;
    await renameDurably(imageTemp, imagePath);
  } catch (error) {
    removeAll();
    throw new AppError('internal', `Could not record image ${sidecar.name}; nothing was kept.`, {
      cause: error,
    });
  }
}

/** Derives name, type and dimensions from the bytes and validates the complete sidecar. */
function describe(
  bytes: Uint8Array,
  type: { extension: ImageExtension; mime: ImageMime },
  record: GeneratedRecord,
  info: PreparedImage['info'],
  generateUuid: (() => string) | undefined,
): Sidecar {
  const { width, height } = info;
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

function requireStorable(bytes: Uint8Array): { extension: ImageExtension; mime: ImageMime } {
  const type = storableType(bytes);
  if (type !== undefined) return type;
  const found = sniffImage(bytes)?.format.toUpperCase() ?? 'data that is not an image';
  throw new AppError('internal', `Gemini returned ${found}; only PNG and JPEG images can be stored.`);
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

async function guardRead<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new AppError('internal', `Could not read ${name} from the data folder; check its permissions.`, {
      cause: error,
    });
  }
}
