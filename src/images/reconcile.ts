// Start-up repair of whatever a crash (even SIGKILL) interrupted in the data folder, run before the
// index is built and before the server answers. A save writes the image to a hidden temp file, then the
// sidecar, then renames the image into place, so after a crash the folder can hold:
// - temp files: a sidecar temp that is complete is moved into place, an image temp that decodes in full
//   is moved into place (its record follows from the sidecar, or is rebuilt below), anything else is
//   removed. A temp file is never visible under a served name, so a half-written one is never served.
// - an image without a sidecar (also left by older versions): a record is rebuilt from what the file
//   tells (size, format, dimensions, time) and marked `recovered`, with the image counted at the list
//   price of the dearest model that makes that size, so no paid image is missing from the spend.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile, renameDurably, TEMP_FILE_PATTERN, writeFileAtomic } from '../fs/index.js';
import type { Logger } from '../log.js';
import {
  type ImageSize,
  KNOWN_MODELS,
  type KnownModel,
  MODEL_ALIASES,
  type ModelRegistry,
} from '../models/index.js';
import { isImageName, mimeForName, sidecarNameOf, stemOf } from './names.js';
import { prepareGenerated, readImageInfo } from './preview.js';
import { parseRecordJson, SIDECAR_FILE_PATTERN, SIDECAR_MAX_BYTES } from './scan.js';
import { type Sidecar, serialiseSidecar, sidecarSchema } from './sidecar.js';
import { storableType } from './sniff.js';
import { THUMBNAIL_FOLDER } from './thumbnails.js';

export interface ReconcileOptions {
  root: string;
  logger: Logger;
  registry: Pick<ModelRegistry, 'models' | 'priceOf'>;
}

export interface ReconcileReport {
  tempsRemoved: number;
  tempsRestored: number;
  recordsRecovered: number;
}

export async function reconcileDataFolder(options: ReconcileOptions): Promise<ReconcileReport> {
  const { root, logger } = options;
  const report: ReconcileReport = { tempsRemoved: 0, tempsRestored: 0, recordsRecovered: 0 };
  const present = new Set(await fileNames(root));
  for (const file of [...present]) {
    const target = TEMP_FILE_PATTERN.exec(file)?.[1];
    if (target === undefined) continue;
    const restored = !present.has(target) && (await restoreTemp(root, file, target, present));
    if (restored) {
      present.add(target);
      report.tempsRestored += 1;
      logger.warn({ file: target }, 'finished a save that a crash interrupted');
    } else {
      await rm(join(root, file), { force: true });
      report.tempsRemoved += 1;
    }
  }
  report.tempsRemoved += await removeTemps(join(root, THUMBNAIL_FOLDER));
  for (const name of present) {
    if (!isImageName(name) || present.has(sidecarNameOf(name))) continue;
    if (await recoverRecord(options, name)) report.recordsRecovered += 1;
  }
  if (report.tempsRemoved + report.tempsRestored + report.recordsRecovered > 0)
    logger.warn({ event: 'reconcile', ...report }, 'repaired the data folder after an interrupted run');
  return report;
}

async function fileNames(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function removeTemps(folder: string): Promise<number> {
  const temps = (await fileNames(folder)).filter((file) => TEMP_FILE_PATTERN.test(file));
  await Promise.all(temps.map((file) => rm(join(folder, file), { force: true })));
  return temps.length;
}

/** Moves a complete temp file into place; false when it is not worth keeping. */
async function restoreTemp(root: string, file: string, target: string, present: Set<string>) {
  const contents = await readRegularFile(join(root, file)).catch(() => undefined);
  if (contents === undefined) return false;
  if (SIDECAR_FILE_PATTERN.test(target)) {
    const parsed = parseRecordJson(contents.bytes.toString('utf8'));
    if (!parsed.ok || parsed.kind !== 'ours' || stemOf(parsed.sidecar.name) !== stemOf(target)) return false;
  } else if (isImageName(target)) {
    if (!(await isWholeImage(root, target, contents.bytes, present))) return false;
  } else return false;
  await renameDurably(join(root, file), join(root, target));
  return true;
}

/** The bytes are the claimed type, decode in full, and match the size the record gives, if any. */
async function isWholeImage(root: string, name: string, bytes: Buffer, present: Set<string>) {
  if (storableType(bytes)?.mime !== mimeForName(name)) return false;
  if (present.has(sidecarNameOf(name))) {
    const record = await readRegularFile(join(root, sidecarNameOf(name)), SIDECAR_MAX_BYTES);
    const parsed = parseRecordJson(record?.bytes.toString('utf8') ?? '');
    if (parsed.ok && parsed.kind === 'ours' && parsed.sidecar.bytes !== bytes.length) return false;
  }
  return prepareGenerated(bytes)
    .then((prepared) => prepared.preview)
    .then(
      () => true,
      () => false,
    );
}

async function recoverRecord(options: ReconcileOptions, name: string): Promise<boolean> {
  const path = join(options.root, name);
  try {
    const file = await readRegularFile(path);
    if (file === undefined || storableType(file.bytes)?.mime !== mimeForName(name)) return false;
    const { width, height } = await readImageInfo(file.bytes);
    const sidecar = recoveredSidecar(options.registry, {
      name,
      width,
      height,
      bytes: file.size,
      created: new Date((await stat(path)).mtimeMs),
    });
    await writeFileAtomic(join(options.root, sidecarNameOf(name)), serialiseSidecar(sidecar));
    options.logger.warn(
      { file: name, cost: sidecar.cost, model: sidecar.model_alias, size: sidecar.image_size },
      'image had no record (interrupted save); wrote a recovered one',
    );
    return true;
  } catch (error) {
    options.logger.error({ err: error, file: name }, 'could not write a recovered record for an image');
    return false;
  }
}

export interface OrphanFacts {
  name: string;
  width: number;
  height: number;
  bytes: number;
  created: Date;
}

/** The record of an image whose own record was lost: everything the file tells, the rest marked unknown. */
export function recoveredSidecar(registry: ReconcileOptions['registry'], facts: OrphanFacts): Sidecar {
  const size = sizeFromSide(Math.max(facts.width, facts.height));
  const ratio = nearestRatio(
    facts.width / facts.height,
    registry.models.flatMap((m) => m.aspectRatios),
  );
  const candidates = registry.models.filter((m) => m.sizes.includes(size) && m.aspectRatios.includes(ratio));
  const fallback = registry.models.find((m) => m.alias === MODEL_ALIASES[0]) ?? registry.models[0];
  const dearest = candidates.reduce<(typeof candidates)[number] | undefined>(
    (best, m) => (best === undefined || registry.priceOf(m, size) > registry.priceOf(best, size) ? m : best),
    undefined,
  );
  const model = dearest ?? fallback;
  if (model === undefined) throw new Error('no models are configured');
  // No model configured today makes this size (a 512 px image from an earlier lineup, say): the dearest
  // catalogued model that made it sets the price, so the spend is never counted as nothing.
  const earlier = dearest === undefined ? dearestKnownModel(size) : undefined;
  return sidecarSchema.parse({
    name: facts.name,
    email: 'unknown',
    prompt: '',
    aspect_ratio: ratio,
    cost: earlier?.listPrices[size] ?? registry.priceOf(model, size),
    model: earlier?.id ?? model.id,
    model_alias: earlier?.family ?? model.alias,
    image_size: size,
    created: facts.created.toISOString(),
    mime: mimeForName(facts.name),
    width: facts.width,
    height: facts.height,
    bytes: facts.bytes,
    duration_ms: 0,
    recovered: true,
  });
}

function dearestKnownModel(size: ImageSize): KnownModel | undefined {
  let best: KnownModel | undefined;
  for (const known of KNOWN_MODELS) {
    const price = known.listPrices[size];
    if (price !== undefined && price > (best?.listPrices[size] ?? 0)) best = known;
  }
  return best;
}

function sizeFromSide(longest: number): ImageSize {
  if (longest <= 768) return '512';
  if (longest <= 1536) return '1K';
  if (longest <= 3072) return '2K';
  return '4K';
}

function nearestRatio(actual: number, ratios: readonly string[]): string {
  let best = '1:1';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of new Set(ratios)) {
    const [w = 1, h = 1] = ratio.split(':').map(Number);
    const distance = Math.abs(Math.log(actual) - Math.log(w / h));
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}
