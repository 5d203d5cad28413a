// Reads every sidecar in the data folder back into memory, for building the index at start-up. One
// folder listing tells which images exist (no stat per file). Sidecars are small, and reading them one
// by one through the async thread pool is ~8× slower than synchronous reads, so they are read
// synchronously in time slices of a few milliseconds, yielding to the event loop between slices: one file
// open at a time, and the server stays responsive. Anything unusable is skipped with one warning naming
// the file and the reason; foreign files and dot-files are ignored silently.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFileSync } from '../fs/index.js';
import type { Logger } from '../log.js';
import { IMAGE_NAME_PATTERN, stemOf } from './names.js';
import { parseSidecar, type Sidecar } from './sidecar.js';

export const SIDECAR_FILE_PATTERN = /^[0-9a-f]{32}\.json$/;
/** Far above any real sidecar (prompts are capped at 10,000 characters); larger files are not sidecars. */
export const SIDECAR_MAX_BYTES = 1_048_576;
/** Longest stretch of synchronous reading before the scan lets other work run. */
const DEFAULT_SLICE_MS = 8;

export interface ScanOptions {
  root: string;
  logger: Logger;
  sliceMs?: number;
}

/** Yields every valid sidecar whose image is present, in folder order. */
export async function* scanSidecars(options: ScanOptions): AsyncGenerator<Sidecar> {
  const { root, logger } = options;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const { images, sidecarFiles } = await listFolder(root);
  let found: Sidecar[] = [];
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

type Outcome = { ok: true; sidecar: Sidecar } | { ok: false; reason: string };

/** Reads and checks one sidecar file. Never throws: every failure becomes a reason. */
export function loadSidecarFile(root: string, file: string, images: ReadonlySet<string>): Outcome {
  try {
    const contents = readRegularFileSync(join(root, file), SIDECAR_MAX_BYTES + 1);
    if (contents === undefined) return { ok: false, reason: 'the file vanished or is not a regular file' };
    if (contents.size > SIDECAR_MAX_BYTES)
      return { ok: false, reason: `larger than ${SIDECAR_MAX_BYTES} bytes` };
    const parsed = parseSidecarJson(contents.bytes.toString('utf8'));
    if (!parsed.ok) return parsed;
    const { sidecar } = parsed;
    if (stemOf(sidecar.name) !== stemOf(file))
      return { ok: false, reason: `its name field "${sidecar.name}" does not match the file name` };
    if (!images.has(sidecar.name)) return { ok: false, reason: `its image ${sidecar.name} is missing` };
    return parsed;
  } catch (error) {
    return { ok: false, reason: `could not be read (${error instanceof Error ? error.message : error})` };
  }
}

export function parseSidecarJson(text: string): Outcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const parsed = parseSidecar(json);
  return parsed.ok ? parsed : { ok: false, reason: `does not match the sidecar schema: ${parsed.reason}` };
}
