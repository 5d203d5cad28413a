// Gallery thumbnails kept in `{root}/.thumbs/{stem}.webp`. They are a cache: made when an image is
// saved, made again on first request if missing (older images, a wiped folder), and rebuildable at any
// time. Concurrent requests for the same missing thumbnail share one generation.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { writeFileAtomic } from './atomic.js';
import { isImageName, stemOf } from './names.js';
import { makeThumbnail } from './preview.js';
import { readRegularFile } from './safe-read.js';
import { sniffImage } from './sniff.js';

export const THUMBNAIL_FOLDER = '.thumbs';

/** Where an image's thumbnail lives, relative to the data folder. */
export function thumbnailFileOf(name: string): string {
  return join(THUMBNAIL_FOLDER, `${stemOf(name)}.webp`);
}

export interface ThumbnailFile {
  data: Buffer;
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
}

export interface ThumbnailCache {
  /** Makes and stores the thumbnail for freshly saved bytes; a failure is logged, never thrown. */
  create(name: string, bytes: Uint8Array): Promise<void>;
  /** The stored thumbnail, generated on demand; undefined when the image is unknown or unreadable. */
  get(name: string): Promise<ThumbnailFile | undefined>;
}

export function createThumbnailCache(options: ThumbnailCacheOptions): ThumbnailCache {
  const { root, logger } = options;
  const pathOf = (name: string) => join(root, thumbnailFileOf(name));
  const pending = new Map<string, Promise<ThumbnailFile | undefined>>();

  const build = async (name: string, bytes: Uint8Array): Promise<ThumbnailFile> => {
    const { data } = await makeThumbnail(bytes);
    // The cache folder may have been wiped while the server runs; it is only a cache, so recreate it.
    await mkdir(join(root, THUMBNAIL_FOLDER), { recursive: true });
    await writeFileAtomic(pathOf(name), data);
    return toFile(data);
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

  return {
    async create(name, bytes) {
      await build(name, bytes).catch((error: unknown) =>
        logger.warn({ name, err: error }, 'could not make a thumbnail; it will be retried on request'),
      );
    },
    async get(name) {
      if (!isImageName(name) || !(await options.hasImage(name))) return undefined;
      const stored = await readRegularFile(pathOf(name));
      if (stored !== undefined && sniffImage(stored.bytes)?.format === 'webp') return toFile(stored.bytes);
      const running = pending.get(name);
      if (running !== undefined) return running;
      const started = generate(name).finally(() => pending.delete(name));
      pending.set(name, started);
      return started;
    },
  };
}

function toFile(data: Buffer): ThumbnailFile {
  const digest = createHash('sha256').update(data).digest('hex').slice(0, 32);
  return { data, mime: 'image/webp', etag: `"${digest}"` };
}
