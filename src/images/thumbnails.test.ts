import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturingLogger, makePhotoJpeg, stemFor } from '../../test/helpers/image-fixtures.js';
import { createThumbnailCache } from './thumbnails.js';

let root: string;
let jpeg: Buffer;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'thumbs-'));
  await mkdir(join(root, '.thumbs'));
  jpeg ??= await makePhotoJpeg(512);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function cacheWith(images: Record<string, Buffer>, clock?: () => number) {
  const reads: string[] = [];
  const cache = createThumbnailCache({
    ...(clock === undefined ? {} : { clock }),
    root,
    logger: createCapturingLogger().logger,
    hasImage: async (name) => name in images,
    readImageBytes: async (name) => {
      reads.push(name);
      return images[name];
    },
    recheckMs: 30_000,
  });
  return { cache, reads };
}

describe('thumbnail cache', () => {
  const name = `${stemFor(1)}.jpg`;

  it('decodes the image only once for concurrent requests', async () => {
    const { cache, reads } = cacheWith({ [name]: jpeg });
    const results = await Promise.all(Array.from({ length: 8 }, () => cache.get(name)));
    expect(reads).toEqual([name]);
    expect(results.every((r) => r?.etag === results[0]?.etag && r?.mime === 'image/webp')).toBe(true);
    expect(await readdir(join(root, '.thumbs'))).toEqual([`${stemFor(1)}.webp`]);
  });

  it('serves the stored file afterwards without reading the image again', async () => {
    const { cache, reads } = cacheWith({ [name]: jpeg });
    const first = await cache.get(name);
    const second = await cache.get(name);
    expect(reads).toEqual([name]);
    expect(second).toEqual(first);
  });

  it('hands a thumbnail to the fast path only while its image was seen on disk recently', async () => {
    let now = 1_000_000;
    const images: Record<string, Buffer> = { [name]: jpeg };
    const { cache } = cacheWith(images, () => now);
    expect(cache.cached(name)).toBeUndefined();
    const made = await cache.get(name);
    expect(cache.cached(name)).toBe(made);
    now += 30_000;
    expect(cache.cached(name)).toBeUndefined();
    expect(await cache.get(name)).toBe(made);
    expect(cache.cached(name)).toBe(made);
    now += 30_000;
    delete images[name];
    expect(await cache.get(name)).toBeUndefined();
    expect(cache.cached(name)).toBeUndefined();
  });

  it('replaces a stored file that is not a WebP', async () => {
    await writeFile(join(root, '.thumbs', `${stemFor(1)}.webp`), 'garbage');
    const { cache, reads } = cacheWith({ [name]: jpeg });
    const thumbnail = await cache.get(name);
    expect(reads).toEqual([name]);
    expect(thumbnail?.bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('makes thumbnails again after the whole cache folder was deleted', async () => {
    const { cache } = cacheWith({ [name]: jpeg });
    await rm(join(root, '.thumbs'), { recursive: true });
    const thumbnail = await cache.get(name);
    expect(thumbnail?.mime).toBe('image/webp');
    expect(await readdir(join(root, '.thumbs'))).toEqual([`${stemFor(1)}.webp`]);
  });
});
