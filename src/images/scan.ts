// Reads every sidecar in the data folder back into memory, for building the index at start-up. One
// folder listing tells which images exist (no stat per file). Sidecars are small, and reading them one
// by one through the async thread pool is ~8× slower than synchronous reads, so they are read
// synchronously in time slices of a few milliseconds, yielding to the event loop between slices: one file
// open at a time, and the server stays responsive. Anything unusable is skipped with one warning naming
// the file and the reason; foreign files and dot-files are ignored silently. Sidecars of the Python
// original are completed from their image's header (see original-sidecar.ts).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { readHeaderFacts } from './dimensions.js';
import { IMAGE_NAME_PATTERN, mimeForName, stemOf } from './names.js';
import {
  completeOriginal,
  type ImageRecord,
  type OriginalSidecar,
  originalSidecarSchema,
} from './original-sidecar.js';
import { readRegularFileSync } from './safe-read.js';
import { parseSidecar } from './sidecar.js';

export const SIDECAR_FILE_PATTERN = /^[0-9a-f]{32}\.json$/;
/** Far above any real sidecar (prompts are capped at 10,000 characters); larger files are not sidecars. */
export const SIDECAR_MAX_BYTES = 1_048_576;
/** Longest stretch of synchronous reading before the scan lets other work run. */
const DEFAULT_SLICE_MS = 8;
/**
 * How much of an original image to read for its header, step by step: 4 KiB covers a PNG and a plain
 * JPEG; a JPEG with bulky metadata needs more, at worst the whole file.
 */
const HEADER_STEPS = [4096, 65_536];
/** Images larger than this are not something either server wrote. */
const IMAGE_MAX_BYTES = 256 * 1024 * 1024;

export interface ScanOptions {
  root: string;
  logger: Logger;
  sliceMs?: number;
}

/** Yields every valid sidecar whose image is present, in folder order. */
export async function* scanSidecars(options: ScanOptions): AsyncGenerator<ImageRecord> {
  const { root, logger } = options;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const { images, sidecarFiles } = await listFolder(root);
  let found: ImageRecord[] = [];
  let sliceEnd = performance.now() + sliceMs;
  for (const file of sidecarFiles) {
    const outcome = loadSidecarFile(root, file, images);
    if (outcome.ok) found.push(outcome.sidecar);
    else logger.warn({ file, reason: outcome.reason }, 'skipping unusable sidecar');
    if (performance.now() >= sliceEnd) {
      yield* found;
      found = [];
      await new Promise((resolve) => setImmediate(resolve));
      sliceEnd = performance.now() + sliceMs;
    }
  }
  yield* found;
}

/** One listing: the regular image files present, and the files named like sidecars. */
async function listFolder(root: string): Promise<{ images: Set<string>; sidecarFiles: string[] }> {
  const entries = await readdir(root, { withFileTypes: true });
  const images = new Set<string>();
  const sidecarFiles: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    if (IMAGE_NAME_PATTERN.test(entry.name)) images.add(entry.name);
    else if (SIDECAR_FILE_PATTERN.test(entry.name)) sidecarFiles.push(entry.name);
  }
  return { images, sidecarFiles };
}

type Outcome = { ok: true; sidecar: ImageRecord } | { ok: false; reason: string };
type Parsed =
  | { ok: true; kind: 'ours'; sidecar: ImageRecord }
  | { ok: true; kind: 'original'; original: OriginalSidecar }
  | { ok: false; reason: string };

/** Reads and checks one sidecar file. Never throws: every failure becomes a reason. */
export function loadSidecarFile(root: string, file: string, images: ReadonlySet<string>): Outcome {
  try {
    const contents = readRegularFileSync(join(root, file), SIDECAR_MAX_BYTES + 1);
    if (contents === undefined) return { ok: false, reason: 'the file vanished or is not a regular file' };
    if (contents.size > SIDECAR_MAX_BYTES)
      return { ok: false, reason: `larger than ${SIDECAR_MAX_BYTES} bytes` };
    const parsed = parseRecordJson(contents.bytes.toString('utf8'));
    if (!parsed.ok) return parsed;
    const name = parsed.kind === 'ours' ? parsed.sidecar.name : parsed.original.name;
    if (stemOf(name) !== stemOf(file))
      return { ok: false, reason: `its name field "${name}" does not match the file name` };
    if (!images.has(name)) return { ok: false, reason: `its image ${name} is missing` };
    if (parsed.kind === 'ours') return { ok: true, sidecar: parsed.sidecar };
    return completeFromImage(root, parsed.original);
  } catch (error) {
    return { ok: false, reason: `could not be read (${error instanceof Error ? error.message : error})` };
  }
}

/** Our full sidecar, or else the original's nine-field one (which still needs its image's facts). */
export function parseRecordJson(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const parsed = parseSidecar(json);
  if (parsed.ok) return { ok: true, kind: 'ours', sidecar: parsed.sidecar };
  const original = originalSidecarSchema.safeParse(json);
  if (original.success && !hasOwnFields(json)) return { ok: true, kind: 'original', original: original.data };
  return { ok: false, reason: `does not match the sidecar schema: ${parsed.reason}` };
}

/** A record carrying fields only we write is ours, however damaged: never read it as the original's. */
function hasOwnFields(json: unknown): boolean {
  return typeof json === 'object' && json !== null && ('mime' in json || 'duration_ms' in json);
}

/** Reads the image's header (its whole file only when the header runs long) for type and dimensions. */
export function completeFromImage(root: string, record: OriginalSidecar): Outcome {
  const path = join(root, record.name);
  let file: ReturnType<typeof readRegularFileSync>;
  let facts: ReturnType<typeof readHeaderFacts> = 'more';
  for (const limit of [...HEADER_STEPS, IMAGE_MAX_BYTES]) {
    file = readRegularFileSync(path, limit);
    facts = file === undefined ? undefined : readHeaderFacts(file.bytes);
    if (facts !== 'more' || file === undefined || file.size <= limit) break;
  }
  if (file === undefined) return { ok: false, reason: `its image ${record.name} is missing` };
  if (facts === undefined || facts === 'more')
    return { ok: false, reason: `its image ${record.name} is not a readable PNG or JPEG` };
  if (facts.mime === 'image/png' && mimeForName(record.name) === 'image/jpeg')
    return { ok: false, reason: `its image ${record.name} holds PNG data under a .jpg name` };
  return { ok: true, sidecar: completeOriginal(record, facts, file.size) };
}
