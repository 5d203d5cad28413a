import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCapturingLogger,
  makeNoisePng,
  makePhotoJpeg,
  makePng,
  makeSidecar,
  stemFor,
} from '../../test/helpers/image-fixtures.js';
import { sidecarNameOf } from './names.js';
import { REFERENCE_MAX_BYTES } from './preview.js';
import { type Sidecar, sidecarSchema } from './sidecar.js';
import { sniffImage } from './sniff.js';
import { createImageStore, type GeneratedRecord, type ImageStore } from './store.js';

const STEM = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const UUID = 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90';

const record: GeneratedRecord = {
  email: '  Ada@Example.COM ',
  prompt: 'a lighthouse at dusk',
  aspect_ratio: '1:1',
  cost: 0.067,
  model: 'gemini-3.1-flash-image',
  model_alias: 'flash',
  image_size: '1K',
  created: '2026-03-01T12:00:00.000Z',
  duration_ms: 4200,
};

let root: string;
let capture: ReturnType<typeof createCapturingLogger>;
let store: ImageStore;
let jpeg: Buffer;
let png: Buffer;

beforeEach(async () => {
  root = join(await mkdtemp(join(tmpdir(), 'store-')), 'data');
  capture = createCapturingLogger();
  store = createImageStore({ root, logger: capture.logger, generateUuid: () => UUID });
  await store.init();
  jpeg ??= await makePhotoJpeg();
  png ??= await makePng(640, 480);
});
afterEach(async () => {
  await store.idle();
  await rm(join(root, '..'), { recursive: true, force: true });
});

/** Puts an image and its sidecar straight on disk, as an earlier run of the server would have. */
async function plant(name: string, bytes: Buffer, sidecar: Partial<Sidecar> = {}): Promise<Sidecar> {
  const full = makeSidecar(name, { bytes: bytes.length, ...sidecar });
  await writeFile(join(root, name), bytes);
  await writeFile(join(root, sidecarNameOf(name)), JSON.stringify(full));
  return full;
}

describe('init', () => {
  it('creates the data folder and its thumbnail folder', async () => {
    expect(await readdir(root)).toEqual(['.thumbs']);
  });
});

describe('saveGenerated', () => {
  it.each([
    ['JPEG', () => jpeg, 'jpg', 'image/jpeg', 1024, 1024],
    ['PNG', () => png, 'png', 'image/png', 640, 480],
  ])(
    'names a %s by its real format and derives the sidecar facts',
    async (_label, bytes, ext, mime, w, h) => {
      const sidecar = await store.saveGenerated({ bytes: bytes(), record });
      expect(sidecar).toMatchObject({
        name: `${STEM}.${ext}`,
        mime,
        width: w,
        height: h,
        bytes: bytes().length,
      });
      expect(sidecar.email).toBe('ada@example.com');
      expect(sidecar.reference_images).toEqual([]);
      expect(await readFile(join(root, sidecar.name))).toEqual(bytes());
      const onDisk = sidecarSchema.parse(JSON.parse(await readFile(join(root, `${STEM}.json`), 'utf8')));
      expect(onDisk).toEqual(sidecar);
      await store.idle();
      const thumb = await readFile(join(root, '.thumbs', `${STEM}.webp`));
      expect(sniffImage(thumb)?.format).toBe('webp');
    },
  );

  it('leaves no temp files behind', async () => {
    await store.saveGenerated({ bytes: jpeg, record });
    await store.idle();
    expect((await readdir(root)).sort()).toEqual(['.thumbs', `${STEM}.jpg`, `${STEM}.json`]);
    expect(await readdir(join(root, '.thumbs'))).toEqual([`${STEM}.webp`]);
  });

  it.each([
    ['WebP', () => Buffer.from('RIFF\x24\0\0\0WEBPVP8 ', 'latin1'), 'Gemini returned WEBP'],
    ['GIF', () => Buffer.from('GIF89a\x01\0\x01\0', 'latin1'), 'Gemini returned GIF'],
    ['text', () => Buffer.from('sorry, I cannot draw that'), 'Gemini returned data that is not an image'],
  ])('refuses to store %s and writes nothing', async (_label, bytes, message) => {
    await expect(store.saveGenerated({ bytes: bytes(), record })).rejects.toMatchObject({
      code: 'internal',
      message: `${message}; only PNG and JPEG images can be stored.`,
    });
    expect(await readdir(root)).toEqual(['.thumbs']);
  });

  it('refuses an incomplete record and writes nothing', async () => {
    const broken = { ...record, created: 'yesterday' };
    await expect(store.saveGenerated({ bytes: jpeg, record: broken })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('The image record is incomplete or invalid'),
    });
    expect(await readdir(root)).toEqual(['.thumbs']);
  });

  it('removes the image again when its sidecar cannot be written', async () => {
    await mkdir(join(root, `${STEM}.json`));
    await writeFile(join(root, `${STEM}.json`, 'occupied'), 'x');
    await expect(store.saveGenerated({ bytes: jpeg, record })).rejects.toMatchObject({
      code: 'internal',
      message: `Could not record image ${STEM}.jpg; nothing was kept.`,
    });
    expect((await readdir(root)).sort()).toEqual(['.thumbs', `${STEM}.json`]);
  });

  it("refuses a damaged image with the decoder's reason and leaves no file, not even a temp file", async () => {
    const damaged = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    await expect(store.saveGenerated({ bytes: damaged, record })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('corrupt, truncated'),
    });
    await store.idle();
    expect(await readdir(root)).toEqual(['.thumbs']);
    expect(await readdir(join(root, '.thumbs'))).toEqual([]);
  });

  it("serves a fresh image's thumbnail as soon as it is asked for, the one made at save time", async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    const thumbnail = await store.thumbnail(name);
    expect(sniffImage(thumbnail?.bytes ?? Buffer.alloc(0))?.format).toBe('webp');
    expect(await readFile(join(root, '.thumbs', `${STEM}.webp`))).toEqual(thumbnail?.bytes);
  });

  it('leaves no thumbnail behind when the image is deleted while its thumbnail is still being written', async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    expect(await store.deleteImage(name)).toBe(true);
    await store.idle();
    expect(await readdir(root)).toEqual(['.thumbs']);
    expect(await readdir(join(root, '.thumbs'))).toEqual([]);
  });

  it('still saves when the thumbnail cannot be made, and logs why', async () => {
    await rm(join(root, '.thumbs'), { recursive: true });
    await writeFile(join(root, '.thumbs'), 'not a folder');
    const sidecar = await store.saveGenerated({ bytes: jpeg, record });
    expect(await store.readSidecar(sidecar.name)).toEqual(sidecar);
    await store.idle();
    expect(capture.warnings().map((line) => line.msg)).toEqual([
      'could not store a thumbnail; it will be made again on request',
    ]);
  });
});

describe('readImage and hasImage', () => {
  it('serves a stored image with its type, size and a stable strong ETag', async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    const image = await store.readImage(name);
    expect(image).toMatchObject({
      mime: 'image/jpeg',
      size: jpeg.length,
      etag: `"${STEM}-${jpeg.length.toString(36)}"`,
    });
    expect(image?.bytes).toEqual(jpeg);
    expect((await store.readImage(name))?.etag).toBe(image?.etag);
    expect(await store.hasImage(name)).toBe(true);
  });

  it.each([
    ['an unknown name', `${stemFor(9)}.png`],
    ['a traversal attempt', '../etc/passwd'],
    ['a sidecar name', `${STEM}.json`],
    ['upper-case hex', `${STEM.toUpperCase()}.jpg`],
    ['another extension', `${STEM}.webp`],
    ['prefs.json', 'prefs.json'],
  ])('finds nothing for %s', async (_label, name) => {
    await store.saveGenerated({ bytes: jpeg, record });
    await writeFile(join(root, 'prefs.json'), '{}');
    expect(await store.readImage(name)).toBeUndefined();
    expect(await store.hasImage(name)).toBe(false);
  });

  it('refuses a symlink, even one pointing at a real image outside the folder', async () => {
    const outside = join(root, '..', 'outside.png');
    await writeFile(outside, png);
    const name = `${stemFor(1)}.png`;
    await symlink(outside, join(root, name));
    expect(await store.readImage(name)).toBeUndefined();
    expect(await store.hasImage(name)).toBe(false);
  });

  it('refuses a folder that carries an image name', async () => {
    const name = `${stemFor(2)}.png`;
    await mkdir(join(root, name));
    expect(await store.readImage(name)).toBeUndefined();
  });

  it("serves a .png holding JPEG bytes (the Python original's files) as image/jpeg", async () => {
    const name = `${stemFor(3)}.png`;
    await writeFile(join(root, name), jpeg);
    expect((await store.readImage(name))?.mime).toBe('image/jpeg');
    expect(await store.hasImage(name)).toBe(true);
  });

  it.each([
    ['a .jpg holding PNG bytes', `${stemFor(4)}.jpg`, () => png],
    ['a .jpg holding HTML', `${stemFor(5)}.jpg`, () => Buffer.from('<script>alert(1)</script>')],
  ])('does not serve %s', async (_label, name, bytes) => {
    await writeFile(join(root, name), bytes());
    expect(await store.readImage(name)).toBeUndefined();
    expect(await store.hasImage(name)).toBe(false);
    expect(capture.warnings().at(-1)).toMatchObject({
      name,
      msg: 'image content does not match its extension',
    });
  });
});

describe('readSidecar', () => {
  it('reads back the sidecar of an image', async () => {
    const sidecar = await plant(`${stemFor(1)}.png`, png);
    expect(await store.readSidecar(sidecar.name)).toEqual(sidecar);
  });

  it.each([
    ['corrupt JSON', '{"name": ', 'not valid JSON'],
    ['a schema failure', '{"name": "x"}', 'does not match the sidecar schema'],
    [
      'a name from another image',
      JSON.stringify(makeSidecar(`${stemFor(9)}.png`)),
      'does not match the file name',
    ],
  ])('ignores a sidecar with %s and logs it', async (_label, text, reason) => {
    const name = `${stemFor(1)}.png`;
    await writeFile(join(root, name), png);
    await writeFile(join(root, sidecarNameOf(name)), text);
    expect(await store.readSidecar(name)).toBeUndefined();
    expect(capture.warnings()).toEqual([
      expect.objectContaining({ file: sidecarNameOf(name), reason: expect.stringContaining(reason) }),
    ]);
  });

  it('returns undefined for an invalid name without touching the disk', async () => {
    expect(await store.readSidecar('../prefs.json')).toBeUndefined();
  });
});

describe('loadReference', () => {
  it('passes a small stored image through with its real type', async () => {
    const { name } = await store.saveGenerated({ bytes: png, record });
    expect(await store.loadReference(name)).toEqual({ bytes: png, mime: 'image/png' });
  });

  it('re-encodes a stored image that is too heavy to send', async () => {
    const heavy = await makeNoisePng(1024, 1024);
    const { name } = await store.saveGenerated({ bytes: heavy, record });
    const reference = await store.loadReference(name);
    expect(reference?.mime).toBe('image/jpeg');
    expect(reference?.bytes.length).toBeLessThanOrEqual(REFERENCE_MAX_BYTES);
  });

  it('returns undefined for a missing image', async () => {
    expect(await store.loadReference(`${stemFor(7)}.jpg`)).toBeUndefined();
  });

  it('names the reference when the stored image is damaged', async () => {
    const name = `${stemFor(8)}.jpg`;
    await writeFile(join(root, name), jpeg.subarray(0, 5000));
    await expect(store.loadReference(name)).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(new RegExp(`^Reference image ${name}: Could not .*corrupt`)),
    });
  });
});

describe('thumbnail', () => {
  it('serves the stored thumbnail', async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    await store.idle();
    const stored = await readFile(join(root, '.thumbs', `${STEM}.webp`));
    const thumbnail = await store.thumbnail(name);
    expect(thumbnail).toMatchObject({ mime: 'image/webp', etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(thumbnail?.bytes).toEqual(stored);
  });

  it('makes a missing thumbnail on request and keeps it', async () => {
    const name = `${stemFor(1)}.jpg`;
    await plant(name, jpeg);
    const thumbnail = await store.thumbnail(name);
    expect(sniffImage(thumbnail?.bytes ?? Buffer.alloc(0))?.format).toBe('webp');
    expect(await readFile(join(root, '.thumbs', `${stemFor(1)}.webp`))).toEqual(thumbnail?.bytes);
  });

  it('generates once for concurrent requests of the same missing thumbnail', async () => {
    const name = `${stemFor(1)}.jpg`;
    await plant(name, jpeg);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.thumbnail(name)));
    expect(new Set(results.map((r) => r?.etag)).size).toBe(1);
    expect(await readdir(join(root, '.thumbs'))).toEqual([`${stemFor(1)}.webp`]);
  });

  it.each([
    ['an unknown image', async () => `${stemFor(5)}.png`],
    ['an invalid name', async () => '../x.png'],
    [
      'an image deleted after its thumbnail was made',
      async () => {
        const { name } = await store.saveGenerated({ bytes: jpeg, record });
        await rm(join(root, name));
        return name;
      },
    ],
  ])('returns undefined for %s', async (_label, setup) => {
    expect(await store.thumbnail(await setup())).toBeUndefined();
  });

  it('returns undefined and logs when the image cannot be decoded', async () => {
    const name = `${stemFor(6)}.jpg`;
    await writeFile(join(root, name), jpeg.subarray(0, 3000));
    expect(await store.thumbnail(name)).toBeUndefined();
    expect(capture.warnings()).toEqual([
      expect.objectContaining({ name, msg: 'could not make a thumbnail' }),
    ]);
  });
});

describe('the memory cache', () => {
  it('serves a saved image from memory: the same object for every hit, no temp files left', async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    const first = await store.readImage(name);
    expect(store.cachedImage(name)).toBe(first);
    expect(await store.readImage(name)).toBe(first);
    expect((await readdir(root)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps an image read from disk, and forgets it on evict', async () => {
    const name = `${stemFor(1)}.jpg`;
    await plant(name, jpeg);
    expect(store.cachedImage(name)).toBeUndefined();
    const image = await store.readImage(name);
    expect(store.cachedImage(name)).toBe(image);
    store.evict(name);
    expect(store.cachedImage(name)).toBeUndefined();
  });

  it('stops serving a file removed by hand once its check interval has passed', async () => {
    let now = 1_000_000;
    const timed = createImageStore({ root, logger: capture.logger, clock: () => now });
    const name = `${stemFor(2)}.jpg`;
    await plant(name, jpeg);
    expect(await timed.readImage(name)).toBeDefined();
    await rm(join(root, name));
    now += 31_000;
    expect(timed.cachedImage(name)).toBeUndefined();
    expect(await timed.readImage(name)).toBeUndefined();
  });

  it('keeps nothing in memory when the cache is turned off', async () => {
    const uncached = createImageStore({ root, logger: capture.logger, cacheBytes: 0 });
    const name = `${stemFor(3)}.jpg`;
    await plant(name, jpeg);
    expect(await uncached.readImage(name)).toBeDefined();
    expect(uncached.cachedImage(name)).toBeUndefined();
  });
});

describe('deleteImage', () => {
  it('removes the image, its sidecar and its thumbnail', async () => {
    const { name } = await store.saveGenerated({ bytes: jpeg, record });
    expect(await store.readImage(name)).toBeDefined();
    expect(await store.deleteImage(name)).toBe(true);
    expect(store.cachedImage(name)).toBeUndefined();
    expect(await store.readImage(name)).toBeUndefined();
    expect(await store.readSidecar(name)).toBeUndefined();
    expect(await readdir(join(root, '.thumbs'))).toEqual([]);
    expect((await readdir(root)).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('answers false for an unknown or malformed name and touches nothing else', async () => {
    await writeFile(join(root, 'prefs.json'), '{}');
    expect(await store.deleteImage(`${stemFor(77)}.png`)).toBe(false);
    expect(await store.deleteImage('../prefs.json')).toBe(false);
    expect(await readFile(join(root, 'prefs.json'), 'utf8')).toBe('{}');
  });
});
