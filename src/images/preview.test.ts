import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { busyPixels, makeNoisePng, makePhotoJpeg, makePng } from '../../test/helpers/image-fixtures.js';
import {
  makePreview,
  makeThumbnail,
  PREVIEW_MAX_BYTES,
  PREVIEW_MAX_SIDE,
  prepareGenerated,
  prepareReference,
  REFERENCE_MAX_BYTES,
  REFERENCE_MAX_SIDE,
  readImageInfo,
  THUMBNAIL_MAX_BYTES,
  THUMBNAIL_MAX_SIDE,
} from './preview.js';
import { sniffImage } from './sniff.js';

const jpegOf = (width: number, height: number, seed = 7) =>
  sharp(busyPixels(width, height, 40, seed), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();

/** A real PNG whose header claims `width`×`height` (CRC fixed), to test the pixel limit cheaply. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await makePng(8, 8));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const dimensions = async (data: Uint8Array) => {
  const meta = await sharp(data).metadata();
  return { width: meta.width, height: meta.height };
};

describe('readImageInfo', () => {
  it.each([
    ['a 1024×1024 JPEG', () => makePhotoJpeg(), { width: 1024, height: 1024, format: 'jpeg' }],
    ['a 300×200 PNG', () => makePng(300, 200), { width: 300, height: 200, format: 'png' }],
    ['a flash 4K 8:1 image', () => makePng(12288, 1536), { width: 12288, height: 1536, format: 'png' }],
    [
      'a JPEG rotated by its EXIF orientation',
      () =>
        sharp(busyPixels(64, 32), { raw: { width: 64, height: 32, channels: 3 } })
          .jpeg()
          .withMetadata({ orientation: 6 })
          .toBuffer(),
      { width: 32, height: 64, format: 'jpeg' },
    ],
  ])('reports the displayed size and true format of %s', async (_label, make, expected) => {
    expect(await readImageInfo(await make())).toEqual(expected);
  });
});

describe('makePreview', () => {
  it.each([
    ['a busy 1024×1024 JPEG', () => makePhotoJpeg(), 512, 512],
    ['a 16:9 JPEG', () => jpegOf(1376, 768), 512, 286],
    ['a PNG with transparency', () => makePng(800, 400, true), 512, 256],
    ['a small image, which is not enlarged', () => makePng(200, 100), 200, 100],
    ['the widest flash image (8:1 at 4K)', () => makePng(12288, 1536), 512, 64],
  ])('makes a JPEG of %s that fits 512 px and the size budget', async (_label, make, width, height) => {
    const preview = await makePreview(await make());
    expect(preview.mime).toBe('image/jpeg');
    expect(sniffImage(preview.data)?.format).toBe('jpeg');
    expect({ width: preview.width, height: preview.height }).toEqual({ width, height });
    expect(await dimensions(preview.data)).toEqual({ width, height });
    expect(Math.max(width, height)).toBeLessThanOrEqual(PREVIEW_MAX_SIDE);
    expect(preview.data.length).toBeLessThanOrEqual(PREVIEW_MAX_BYTES);
  });

  it('keeps a worst-case noise image under the budget, far below the 1 MiB result limit', async () => {
    const preview = await makePreview(await makeNoisePng(1024, 1024));
    expect(preview.data.length).toBeLessThanOrEqual(PREVIEW_MAX_BYTES);
    expect(Math.ceil(preview.data.length / 3) * 4).toBeLessThan(700_000);
  });
});

describe('makeThumbnail', () => {
  it.each([1, 2, 3, 4, 5])('keeps a busy photographic 1K image (seed %i) within 15 KB', async (seed) => {
    const thumbnail = await makeThumbnail(await jpegOf(1024, 1024, seed));
    expect(thumbnail.mime).toBe('image/webp');
    expect(sniffImage(thumbnail.data)?.format).toBe('webp');
    expect(await dimensions(thumbnail.data)).toEqual({ width: 320, height: 320 });
    expect(thumbnail.data.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(thumbnail.data.length * 100).toBeLessThan(2_000_000);
  });

  it('stays within budget even for pure noise, shrinking if it must', async () => {
    const thumbnail = await makeThumbnail(await makeNoisePng(1024, 1024));
    expect(thumbnail.data.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(Math.max(thumbnail.width, thumbnail.height)).toBeLessThanOrEqual(THUMBNAIL_MAX_SIDE);
  });

  it.each([
    ['a 9:16 image', () => jpegOf(768, 1376), 179, 320],
    ['a 1:8 image', () => makePng(192, 1536), 40, 320],
  ])('keeps the aspect ratio of %s', async (_label, make, width, height) => {
    const thumbnail = await makeThumbnail(await make());
    expect(await dimensions(thumbnail.data)).toEqual({ width, height });
  });
});

describe('prepareReference', () => {
  it.each([
    ['a 1024 px JPEG', () => makePhotoJpeg(), 'image/jpeg'],
    ['a 1024 px PNG', () => makePng(1024, 1024), 'image/png'],
    [
      'a WebP',
      () =>
        sharp(busyPixels(300, 300), { raw: { width: 300, height: 300, channels: 3 } })
          .webp()
          .toBuffer(),
      'image/webp',
    ],
  ])('passes %s through untouched with its true MIME type', async (_label, make, mime) => {
    const input = await make();
    const prepared = await prepareReference(input);
    expect(prepared).toEqual({ bytes: input, mime, resized: false });
  });

  it('re-encodes an image over the byte limit as JPEG without changing its size', async () => {
    const input = await makeNoisePng(1024, 1024);
    expect(input.length).toBeGreaterThan(REFERENCE_MAX_BYTES);
    const prepared = await prepareReference(input);
    expect(prepared.mime).toBe('image/jpeg');
    expect(prepared.resized).toBe(true);
    expect(sniffImage(prepared.bytes)?.format).toBe('jpeg');
    expect(prepared.bytes.length).toBeLessThanOrEqual(REFERENCE_MAX_BYTES);
  });

  it('downscales an image whose longest side is over the limit', async () => {
    const prepared = await prepareReference(await jpegOf(3000, 1000));
    expect(prepared.resized).toBe(true);
    expect(await dimensions(prepared.bytes)).toEqual({ width: REFERENCE_MAX_SIDE, height: 683 });
  });

  it('converts a GIF, which Gemini does not read, to JPEG', async () => {
    const gif = await sharp(busyPixels(64, 64), { raw: { width: 64, height: 64, channels: 3 } })
      .gif()
      .toBuffer();
    const prepared = await prepareReference(gif);
    expect(prepared.mime).toBe('image/jpeg');
    expect(await dimensions(prepared.bytes)).toEqual({ width: 64, height: 64 });
  });

  it('keeps fourteen worst-case references well under the 20 MB request limit', async () => {
    const prepared = await prepareReference(await makeNoisePng(2048, 2048));
    const base64Size = Math.ceil(prepared.bytes.length / 3) * 4;
    expect(14 * base64Size).toBeLessThan(18_000_000);
  });
});

describe('corrupt or hostile input', () => {
  const truncatedJpeg = async () => (await makePhotoJpeg(256)).subarray(0, 4000);
  const pngHeaderThenJunk = async () =>
    Buffer.concat([(await makePng(8, 8)).subarray(0, 8), Buffer.alloc(64, 7)]);
  const operations = [
    ['makePreview', makePreview],
    ['makeThumbnail', makeThumbnail],
    ['prepareReference', prepareReference],
  ] as const;

  it.each(operations)('%s refuses bytes that are not an image', async (_name, operation) => {
    await expect(operation(Buffer.from('definitely not an image'))).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('not an image in a known format'),
    });
  });

  it.each(operations)('%s refuses a truncated JPEG with an AppError', async (_name, operation) => {
    await expect(operation(await truncatedJpeg())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/^Could not .*corrupt, truncated/),
    });
  });

  it.each(operations)('%s refuses a PNG signature followed by junk', async (_name, operation) => {
    await expect(operation(await pngHeaderThenJunk())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('corrupt'),
    });
  });

  it.each(operations)(
    '%s refuses an image over the pixel limit without decoding it',
    async (_name, operation) => {
      await expect(operation(await pngClaiming(10_000, 10_000))).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('pixel limit'),
      });
    },
  );
});

describe('prepareGenerated', () => {
  it('gives the facts, a preview and a thumbnail of a generated JPEG from one call', async () => {
    const bytes = await jpegOf(1600, 900);
    const prepared = await prepareGenerated(bytes);
    const { info } = prepared;
    const [preview, thumbnail] = await Promise.all([prepared.preview, prepared.thumbnail]);
    expect(info).toEqual({ width: 1600, height: 900, format: 'jpeg' });
    expect(sniffImage(preview.data)?.format).toBe('jpeg');
    expect(await dimensions(preview.data)).toEqual({ width: PREVIEW_MAX_SIDE, height: 288 });
    expect(preview.data.length).toBeLessThanOrEqual(PREVIEW_MAX_BYTES);
    expect(sniffImage(thumbnail.data)?.format).toBe('webp');
    expect(await dimensions(thumbnail.data)).toEqual({ width: THUMBNAIL_MAX_SIDE, height: 180 });
    expect(thumbnail.data.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
  });

  it('flattens a transparent PNG onto white for the preview, and makes the thumbnail from that preview', async () => {
    const prepared = await prepareGenerated(await makePng(400, 400, true));
    const [preview, thumbnail] = await Promise.all([prepared.preview, prepared.thumbnail]);
    expect((await sharp(preview.data).metadata()).hasAlpha).toBe(false);
    expect((await sharp(thumbnail.data).metadata()).hasAlpha).toBe(false);
    // Half-transparent red on white is pink, in both.
    const corner = async (data: Buffer) => [
      ...(await sharp(data).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer()),
    ];
    for (const [channel, value] of (await corner(thumbnail.data)).entries())
      expect(Math.abs(value - ((await corner(preview.data))[channel] ?? 0))).toBeLessThan(8);
    expect((await corner(thumbnail.data))[1]).toBeGreaterThan(100);
  });

  it('never enlarges a small image', async () => {
    const prepared = await prepareGenerated(await jpegOf(200, 100));
    const [preview, thumbnail] = await Promise.all([prepared.preview, prepared.thumbnail]);
    expect(await dimensions(preview.data)).toEqual({ width: 200, height: 100 });
    expect(await dimensions(thumbnail.data)).toEqual({ width: 200, height: 100 });
  });

  it('refuses a truncated image in its preview and thumbnail, with an error that says it is damaged', async () => {
    const bytes = await jpegOf(800, 800);
    const prepared = await prepareGenerated(bytes.subarray(0, bytes.length / 2));
    for (const made of [prepared.preview, prepared.thumbnail])
      await expect(made).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('corrupt, truncated'),
      });
  });

  it('refuses at once what is not an image at all', async () => {
    await expect(prepareGenerated(Buffer.from('not an image'))).rejects.toMatchObject({ code: 'internal' });
  });

  it('leaves no unhandled rejection when nobody waits for the results of a damaged image', async () => {
    const bytes = await jpegOf(800, 800);
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await prepareGenerated(bytes.subarray(0, bytes.length / 3));
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
  });
});
