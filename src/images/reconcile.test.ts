import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCapturingLogger,
  makePhotoJpeg,
  makeSidecar,
  stemFor,
} from '../../test/helpers/image-fixtures.js';
import { createModelRegistry, defaultModelIds, noPriceOverrides } from '../models/index.js';
import { sidecarNameOf } from './names.js';
import { reconcileDataFolder, recoveredSidecar } from './reconcile.js';
import { sidecarSchema } from './sidecar.js';

const registry = createModelRegistry({ ids: defaultModelIds(), prices: noPriceOverrides() });

let root: string;
let jpeg: Buffer;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reconcile-'));
  jpeg ??= await makePhotoJpeg(1024);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const reconcile = () => reconcileDataFolder({ root, logger: createCapturingLogger().logger, registry });
const readSidecar = async (name: string) =>
  sidecarSchema.parse(JSON.parse(await readFile(join(root, sidecarNameOf(name)), 'utf8')));

describe('start-up reconciliation', () => {
  it('leaves a clean folder untouched', async () => {
    const name = `${stemFor(1)}.jpg`;
    await writeFile(join(root, name), jpeg);
    await writeFile(join(root, sidecarNameOf(name)), JSON.stringify(makeSidecar(name)));
    expect(await reconcile()).toEqual({ tempsRemoved: 0, tempsRestored: 0, recordsRecovered: 0 });
    expect((await readdir(root)).sort()).toEqual([name, sidecarNameOf(name)].sort());
  });

  it('writes a recovered record, counted at list price, for an image whose record was lost', async () => {
    const name = `${stemFor(2)}.jpg`;
    await writeFile(join(root, name), jpeg);
    expect(await reconcile()).toMatchObject({ recordsRecovered: 1 });
    const sidecar = await readSidecar(name);
    expect(sidecar).toMatchObject({
      name,
      recovered: true,
      email: 'unknown',
      width: 1024,
      height: 1024,
      bytes: jpeg.length,
      image_size: '1K',
      aspect_ratio: '1:1',
      model_alias: 'pro',
      cost: 0.134,
    });
    expect(new Date(sidecar.created).getTime()).toBe(Math.floor((await stat(join(root, name))).mtimeMs));
  });

  it('finishes a save cut between its sidecar and its image rename', async () => {
    const name = `${stemFor(3)}.jpg`;
    await writeFile(
      join(root, sidecarNameOf(name)),
      JSON.stringify(makeSidecar(name, { bytes: jpeg.length })),
    );
    await writeFile(join(root, `.${name}.0123456789ab.tmp`), jpeg);
    expect(await reconcile()).toMatchObject({ tempsRestored: 1, tempsRemoved: 0, recordsRecovered: 0 });
    expect(await readFile(join(root, name))).toEqual(jpeg);
  });

  it('removes a half-written image and a stray temp file, and never serves them', async () => {
    const name = `${stemFor(4)}.jpg`;
    await writeFile(join(root, `.${name}.0123456789ab.tmp`), jpeg.subarray(0, jpeg.length / 2));
    await writeFile(join(root, '.prefs.json.aaaaaaaaaaaa.tmp'), '{"half');
    await writeFile(join(root, `.${sidecarNameOf(name)}.bbbbbbbbbbbb.tmp`), '{"name": "trunc');
    expect(await reconcile()).toMatchObject({ tempsRemoved: 3, tempsRestored: 0 });
    expect(await readdir(root)).toEqual([]);
  });

  it('keeps an image whose temp file is whole even though both of its writes were cut', async () => {
    const name = `${stemFor(5)}.jpg`;
    await writeFile(join(root, `.${name}.0123456789ab.tmp`), jpeg);
    const sidecar = makeSidecar(name, { bytes: jpeg.length, prompt: 'kept' });
    await writeFile(join(root, `.${sidecarNameOf(name)}.bbbbbbbbbbbb.tmp`), JSON.stringify(sidecar));
    expect(await reconcile()).toMatchObject({ tempsRestored: 2, recordsRecovered: 0 });
    expect((await readSidecar(name)).prompt).toBe('kept');
    expect(await readFile(join(root, name))).toEqual(jpeg);
  });
});

describe('recoveredSidecar', () => {
  it('guesses size and ratio from the pixels and uses flash where pro has no such ratio', () => {
    const sidecar = recoveredSidecar(registry, {
      name: `${stemFor(6)}.png`,
      width: 4096,
      height: 512,
      bytes: 10,
      created: new Date('2026-01-01T00:00:00Z'),
    });
    expect(sidecar).toMatchObject({ image_size: '4K', aspect_ratio: '8:1', model_alias: 'flash' });
    expect(sidecar.cost).toBe(0.1134);
  });

  it('prices a size no configured model makes at the dearest catalogued model that made it, never at nothing', () => {
    const sidecar = recoveredSidecar(registry, {
      name: `${stemFor(7)}.jpg`,
      width: 512,
      height: 512,
      bytes: 10,
      created: new Date('2026-01-01T00:00:00Z'),
    });
    expect(sidecar).toMatchObject({
      image_size: '512',
      model: 'gemini-3.1-flash-image',
      model_alias: 'flash',
    });
    expect(sidecar.cost).toBe(0.045);
  });
});
