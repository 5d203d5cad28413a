import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../test/helpers/image-fixtures.js';
import { makeOriginalFolder, ORIGINAL_HISTORY } from '../../test/helpers/original-folder.js';
import type { ImageRecord } from './original-sidecar.js';
import { toUtcIso } from './original-sidecar.js';
import { scanSidecars } from './scan.js';
import { createImageStore } from './store.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'original-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function scan(): Promise<{
  records: ImageRecord[];
  warnings: ReturnType<typeof createCapturingLogger>['warnings'];
}> {
  const { logger, warnings } = createCapturingLogger();
  const records: ImageRecord[] = [];
  for await (const record of scanSidecars({ root, logger })) records.push(record);
  records.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { records, warnings };
}

async function folderDigest(): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const file of (await readdir(root)).sort())
    if (!file.startsWith('.'))
      digest[file] = createHash('sha256')
        .update(await readFile(join(root, file)))
        .digest('hex');
  return digest;
}

describe("the Python original's folder", () => {
  it('reads every record, completing type, size and bytes from the image header', async () => {
    await makeOriginalFolder(root);
    const { records, warnings } = await scan();
    expect(warnings()).toEqual([]);
    expect(records).toHaveLength(ORIGINAL_HISTORY.length);
    const [first, second, third] = records;
    expect(first).toMatchObject({
      name: `${ORIGINAL_HISTORY[0]?.stem}.png`,
      email: 'ada.lovelace@example.com',
      model: 'gemini-2.5-flash-image-preview',
      model_alias: null,
      image_size: null,
      mime: 'image/jpeg',
      width: 96,
      height: 96,
      created: '2025-09-02T08:30:00.000Z',
      cost: 0.039,
      original: true,
    });
    expect(first?.bytes).toBeGreaterThan(0);
    expect(second).toMatchObject({
      mime: 'image/png',
      width: 72,
      height: 96,
      model_alias: 'flash',
      image_size: '1K',
    });
    expect(second?.prompt).toBe('café crème on a marble table ☕, morning light');
    expect(third).toMatchObject({
      mime: 'image/jpeg',
      model: 'gemini-3-pro-image-preview',
      model_alias: 'pro',
    });
  });

  it('skips a damaged sidecar with one log line and keeps the rest', async () => {
    const damagedStem = 'ffeeddccbbaa44998877665544332211';
    await makeOriginalFolder(root, { damagedStem });
    const { records, warnings } = await scan();
    expect(records).toHaveLength(ORIGINAL_HISTORY.length);
    expect(warnings()).toEqual([
      expect.objectContaining({
        file: `${damagedStem}.json`,
        reason: 'not valid JSON',
        msg: 'skipping unusable sidecar',
      }),
    ]);
  });

  it('serves a .png holding JPEG as the JPEG it is, as a reference and as a thumbnail', async () => {
    await makeOriginalFolder(root);
    const { logger } = createCapturingLogger();
    const store = createImageStore({ root, logger });
    await store.init();
    const name = `${ORIGINAL_HISTORY[2]?.stem}.png`;
    expect((await store.readImage(name))?.mime).toBe('image/jpeg');
    expect((await store.loadReference(name))?.mime).toBe('image/jpeg');
    expect((await store.thumbnail(name))?.mime).toBe('image/webp');
    expect(await store.readSidecar(name)).toMatchObject({ name, mime: 'image/jpeg', width: 160, height: 90 });
  });

  it("keeps each person's default model from the original's prefs.json", async () => {
    await makeOriginalFolder(root);
    const { createPrefsStore } = await import('./prefs.js');
    const prefs = createPrefsStore({ root, logger: createCapturingLogger().logger });
    expect(await prefs.getDefaultModel('BOB@example.com')).toBe('pro');
  });

  it('never rewrites the original files', async () => {
    await makeOriginalFolder(root);
    const before = await folderDigest();
    const { logger } = createCapturingLogger();
    const store = createImageStore({ root, logger });
    await store.init();
    await scan();
    for (const image of ORIGINAL_HISTORY) {
      await store.readImage(`${image.stem}.png`);
      await store.thumbnail(`${image.stem}.png`);
    }
    expect(await folderDigest()).toEqual(before);
  });

  it('reads the size of a JPEG whose frame header sits behind large metadata', async () => {
    const [first] = await makeOriginalFolder(root);
    const sharp = (await import('sharp')).default;
    const heavy = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#345' } })
      .withMetadata({ exif: { IFD0: { ImageDescription: 'x'.repeat(90_000) } } })
      .jpeg()
      .toBuffer();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, `${first?.stem}.png`), heavy);
    const { records } = await scan();
    expect(records.find((r) => r.name === `${first?.stem}.png`)).toMatchObject({
      mime: 'image/jpeg',
      width: 120,
      height: 80,
      bytes: heavy.length,
    });
  });

  it('refuses a record whose image is neither PNG nor JPEG', async () => {
    await makeOriginalFolder(root);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, `${ORIGINAL_HISTORY[0]?.stem}.png`), 'GIF89a not really an image at all');
    const { records, warnings } = await scan();
    expect(records).toHaveLength(ORIGINAL_HISTORY.length - 1);
    expect(warnings()[0]?.reason).toMatch(/is not a readable PNG or JPEG/);
  });
});

describe('toUtcIso', () => {
  it.each([
    ['2026-05-01T10:00:00+00:00', '2026-05-01T10:00:00.000Z'],
    ['2026-05-01T10:00:00.123456+00:00', '2026-05-01T10:00:00.123Z'],
    ['2026-05-01T12:00:00+02:00', '2026-05-01T10:00:00.000Z'],
    ['2026-05-01T10:00:00', '2026-05-01T10:00:00.000Z'],
    ['yesterday', undefined],
  ])('reads %s as %s', (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });
});
