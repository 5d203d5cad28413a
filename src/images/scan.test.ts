import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturingLogger, makeSidecar, stemFor } from '../../test/helpers/image-fixtures.js';
import { sidecarNameOf } from './names.js';
import type { ImageRecord } from './original-sidecar.js';
import { scanSidecars } from './scan.js';

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'scan-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function plant(n: number, sidecarText?: string): Promise<ImageRecord> {
  const sidecar = makeSidecar(`${stemFor(n)}.png`, {
    created: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
  });
  await writeFile(join(root, sidecar.name), PNG_HEAD);
  await writeFile(join(root, sidecarNameOf(sidecar.name)), sidecarText ?? JSON.stringify(sidecar));
  return sidecar;
}

async function collect(iterable: AsyncIterable<ImageRecord>): Promise<ImageRecord[]> {
  const all: ImageRecord[] = [];
  for await (const sidecar of iterable) all.push(sidecar);
  return all.sort((a, b) => (a.name < b.name ? -1 : 1));
}

describe('scanSidecars', () => {
  it('yields every valid sidecar and skips each unusable one with one warning', async () => {
    const good = [await plant(1), await plant(2), await plant(3)];
    await plant(4, '{"name": "truncated');
    await plant(5, JSON.stringify({ ...makeSidecar(`${stemFor(5)}.png`), cost: -1 }));
    await plant(6, JSON.stringify(makeSidecar(`${stemFor(60)}.png`)));
    await writeFile(
      join(root, sidecarNameOf(`${stemFor(7)}.png`)),
      JSON.stringify(makeSidecar(`${stemFor(7)}.png`)),
    );
    const linked = await plant(8);
    await rm(join(root, linked.name));
    await symlink(join(root, `${stemFor(1)}.png`), join(root, linked.name));

    const { logger, warnings } = createCapturingLogger();
    expect(await collect(scanSidecars({ root, logger }))).toEqual(good);
    const reasons = Object.fromEntries(warnings().map((w) => [w.file, w.reason]));
    expect(reasons).toEqual({
      [`${stemFor(4)}.json`]: 'not valid JSON',
      [`${stemFor(5)}.json`]: expect.stringMatching(/^does not match the sidecar schema: .*cost/),
      [`${stemFor(6)}.json`]: `its name field "${stemFor(60)}.png" does not match the file name`,
      [`${stemFor(7)}.json`]: `its image ${stemFor(7)}.png is missing`,
      [`${stemFor(8)}.json`]: `its image ${stemFor(8)}.png is missing`,
    });
    expect(warnings().every((w) => w.msg === 'skipping unusable sidecar')).toBe(true);
  });

  it('ignores foreign files, dot-files, folders and prefs silently', async () => {
    const good = await plant(1);
    await writeFile(join(root, 'prefs.json'), '{}');
    await writeFile(join(root, 'notes.txt'), 'hello');
    await writeFile(join(root, `.${stemFor(2)}.json.abc.tmp`), '{');
    await writeFile(join(root, `${stemFor(0xabcdef).toUpperCase()}.json`), '{');
    await mkdir(join(root, `${stemFor(4)}.json`));
    await mkdir(join(root, '.thumbs'));
    const { logger, warnings } = createCapturingLogger();
    expect(await collect(scanSidecars({ root, logger }))).toEqual([good]);
    expect(warnings()).toEqual([]);
  });

  it('reads hundreds of sidecars, letting other work run between time slices', async () => {
    const planted = await Promise.all(Array.from({ length: 300 }, (_, i) => plant(i + 1)));
    const { logger } = createCapturingLogger();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const found = await collect(scanSidecars({ root, logger, sliceMs: 0 }));
    clearInterval(ticker);
    expect(found).toEqual(planted.sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(ticks).toBeGreaterThan(0);
  });

  it('yields nothing for an empty folder', async () => {
    const { logger } = createCapturingLogger();
    expect(await collect(scanSidecars({ root, logger }))).toEqual([]);
  });
});
