// Gallery thumbnails kept in `{root}/.thumbs/{stem}.webp`. They are a cache: made when an image is
// saved (in the background: a generation's answer never waits for its thumbnail, but a request for it
// does), made again on first request if missing (older images, a wiped folder), and rebuildable at any
// time. Concurrent requests for the same missing thumbnail share one generation. Served thumbnails are
// also kept in memory (they are small), so a gallery page of cards costs no disk reads once warm, and
// `cached` hands them to the fast path (image-fast-path.ts) while their image was seen on disk recently.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isAbsent, readRegularFile, writeFileAtomic } from '../fs/index.js';
import type { Logger } from '../log.js';
import { createByteCache } from './memory-cache.js';
import { isImageName, stemOf } from './names.js';
import { makeThumbnail } from './preview.js';
import { sniffImage } from './sniff.js';

export const THUMBNAIL_FOLDER = '.thumbs';

/** Where an image's thumbnail lives, relative to the data folder. */
export function thumbnailFileOf(name: string): string {
  return join(THUMBNAIL_FOLDER, `${stemOf(name)}.webp`);
}

export interface ThumbnailFile {
  bytes: Buffer;
  mime: 'image/webp';
  /** Strong ETag: a hash of the thumbnail bytes (they are small, and a rebuild may change them). */
  etag: string;
}

export interface ThumbnailCacheOptions {
  root: string;
  logger: Logger;
  /** The store's own checks (regular files only, magic bytes matching the extension). */
  hasImage: (name: string) => Promise<boolean>;
  readImageBytes: (name: string) => Promise<Uint8Array | undefined>;
  /** Milliseconds clock, for how recently an image was seen on disk. */
  clock?: () => number;
  /** How long a thumbnail is served from memory before its image is looked for on disk again. */
  recheckMs: number;
}

/** Memory for served thumbnails (about 1,000 of them at the size limit). */
const MEMORY_BYTES = 16 * 1024 * 1024;

export interface ThumbnailCache {
  /**
   * Stores the thumbnail of a freshly saved image once it is made, without the caller waiting; until
   * then a request for it waits for this one. A failure is logged, never thrown (it is made again on
   * request).
   */
  storeWhenMade(name: string, made: Promise<{ data: Buffer }>): void;
  /** Resolves once no thumbnail of `name` is being made or written. */
  settled(name: string): Promise<void>;
  /** Resolves once no thumbnail at all is being made or written (shutdown, tests). */
  idle(): Promise<void>;
  /** Forgets the in-memory copy (the image was deleted). */
  evict(name: string): void;
  /** The stored thumbnail, generated on demand; undefined when the image is unknown or unreadable. */
  get(name: string): Promise<ThumbnailFile | undefined>;
  /**
   * The thumbnail when it is in memory and its image was found on disk within `recheckMs`; never
   * touches the disk. The same object on every hit, so headers can be built once per thumbnail.
   */
  cached(name: string): ThumbnailFile | undefined;
}

export function createThumbnailCache(options: ThumbnailCacheOptions): ThumbnailCache {
  const { root, logger } = options;
  const pathOf = (name: string) => join(root, thumbnailFileOf(name));
  const pending = new Map<string, Promise<ThumbnailFile | undefined>>();
  const clock = options.clock ?? Date.now;
  const memory = createByteCache<{ file: ThumbnailFile; checkedAt: number }>(MEMORY_BYTES);

  const keep = async (name: string, data: Buffer): Promise<void> => {
    try {
      await writeFileAtomic(pathOf(name), data);
    } catch (error) {
      if (!isAbsent(error)) throw error;
      // The cache folder was wiped while the server runs; it is only a cache, so make it again.
      await mkdir(join(root, THUMBNAIL_FOLDER), { recursive: true });
      await writeFileAtomic(pathOf(name), data);
    }
  };

  const build = async (name: string, bytes: Uint8Array): Promise<ThumbnailFile> => {
    const { data } = await makeThumbnail(bytes);
    await keep(name, data);
    return remember(name, data);
  };

  const remember = (name: string, data: Buffer): ThumbnailFile => {
    const file = toFile(data);
    memory.set(name, { file, checkedAt: clock() }, data.length);
    return file;
  };

  const generate = async (name: string): Promise<ThumbnailFile | undefined> => {
    try {
      const bytes = await options.readImageBytes(name);
      return bytes === undefined ? undefined : await build(name, bytes);
    } catch (error) {
      logger.warn({ name, err: error }, 'could not make a thumbnail');
      return undefined;
    }
  };

  const track = (
    name: string,
    work: Promise<ThumbnailFile | undefined>,
  ): Promise<ThumbnailFile | undefined> => {
    const tracked = work.finally(() => {
      if (pending.get(name) === tracked) pending.delete(name);
    });
    pending.set(name, tracked);
    return tracked;
  };

  return {
    storeWhenMade(name, made) {
      void track(
        name,
        made
          .then(async ({ data }) => {
            await keep(name, data);
            return remember(name, data);
          })
          .catch((error: unknown) => {
            logger.warn(
              { name, err: error },
              'could not store a thumbnail; it will be made again on request',
            );
            return undefined;
          }),
      );
    },
    async settled(name) {
      await pending.get(name);
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending.values());
    },
    evict(name) {
      memory.delete(name);
    },
    async get(name) {
      if (!isImageName(name)) return undefined;
      // A thumbnail still being made for a fresh image is waited for rather than made a second time.
      const running = await pending.get(name);
      if (!(await options.hasImage(name))) return undefined;
      if (running !== undefined) return running;
      // The image was just found on disk, so the thumbnail in memory may be served again for a while.
      const remembered = memory.get(name);
      if (remembered !== undefined) {
        remembered.checkedAt = clock();
        return remembered.file;
      }
      const stored = await readRegularFile(pathOf(name));
      if (stored !== undefined && sniffImage(stored.bytes)?.format === 'webp')
        return remember(name, stored.bytes);
      return pending.get(name) ?? track(name, generate(name));
    },
    cached(name) {
      const entry = memory.get(name);
      return entry !== undefined && clock() - entry.checkedAt < options.recheckMs ? entry.file : undefined;
    },
  };
}

function toFile(bytes: Buffer): ThumbnailFile {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return { bytes, mime: 'image/webp', etag: `"${digest}"` };
}
