// Measures the in-memory image index and the start-up sidecar scan at realistic sizes, so a change that
// makes the gallery or the start-up slow shows up as numbers. `benchIndex` returns the figures; the
// `npm run bench` runner (bench/run.ts) decides how to print them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createImageIndex, type ImageIndex } from '../src/images/index.js';
import { createImageStore } from '../src/images/store.js';
import { createSilentLogger } from '../src/log.js';
import { makeSyntheticSidecars } from '../test/helpers/image-fixtures.js';

export interface IndexFigures {
  images: number;
  users: number;
  /** Images of the busiest user, whose gallery the page timings walk. */
  busiestUserImages: number;
  buildMs: number;
  /** Mean over many calls, in ms. */
  firstPageMs: number;
  /** Mean time for a page near the end of the busiest user's gallery, in ms. */
  deepPageMs: number;
  usageMs: number;
}

export interface ScanFigures {
  files: number;
  writeMs: number;
  scanAndBuildMs: number;
  indexed: number;
}

export interface BenchOptions {
  users?: number;
  pageSize?: number;
  /** Sidecars written to a temp folder for the disk scan; 0 skips it. */
  scanFiles?: number;
}

const REPEATS = 200;

export async function benchIndex(
  counts: number[],
  options: BenchOptions = {},
): Promise<{ index: IndexFigures[]; scan?: ScanFigures }> {
  const index: IndexFigures[] = [];
  for (const count of counts)
    index.push(await measureIndex(count, options.users ?? 8, options.pageSize ?? 48));
  const scanFiles = options.scanFiles ?? 10_000;
  return scanFiles > 0 ? { index, scan: await measureScan(scanFiles) } : { index };
}

async function measureIndex(count: number, users: number, pageSize: number): Promise<IndexFigures> {
  const sidecars = makeSyntheticSidecars(count, users, count);
  const index = createImageIndex();
  const buildMs = await time(() => index.build(sidecars));
  const busiest = busiestUser(index);
  const deepCursor = cursorNearEnd(index, busiest, pageSize);
  return {
    images: count,
    users: index.emails().length,
    busiestUserImages: index.countFor(busiest),
    buildMs,
    firstPageMs: await mean(() => index.page(busiest, { limit: pageSize })),
    deepPageMs: await mean(() => index.page(busiest, { before: deepCursor, limit: pageSize })),
    usageMs: await mean(() => index.usage()),
  };
}

async function measureScan(files: number): Promise<ScanFigures> {
  const root = await mkdtemp(join(tmpdir(), 'index-bench-'));
  try {
    const sidecars = makeSyntheticSidecars(files, 8, 99);
    const writeMs = await time(() => writeAll(root, sidecars));
    const store = createImageStore({ root, logger: createSilentLogger() });
    const index = createImageIndex();
    const scanAndBuildMs = await time(() => index.build(store.scanSidecars()));
    return { files, writeMs, scanAndBuildMs, indexed: index.totals().images };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function writeAll(root: string, sidecars: ReturnType<typeof makeSyntheticSidecars>): Promise<void> {
  const head = (name: string) =>
    name.endsWith('.png')
      ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      : Buffer.from([0xff, 0xd8, 0xff]);
  for (let i = 0; i < sidecars.length; i += 256) {
    await Promise.all(
      sidecars
        .slice(i, i + 256)
        .flatMap((s) => [
          writeFile(join(root, s.name), head(s.name)),
          writeFile(join(root, `${s.name.slice(0, 32)}.json`), JSON.stringify(s)),
        ]),
    );
  }
}

function busiestUser(index: ImageIndex): string {
  const [top] = [...index.emails()].sort((a, b) => index.countFor(b) - index.countFor(a));
  return top ?? '';
}

/** The cursor of the second-to-last page: the deepest page a reader can reach. */
function cursorNearEnd(index: ImageIndex, email: string, pageSize: number): string | undefined {
  const total = index.countFor(email);
  const wholePages = Math.max(0, Math.floor((total - 1) / pageSize));
  const big = index.page(email, { limit: Math.max(1, wholePages * pageSize) });
  return big.items.at(-1)?.name;
}

async function time(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return round(performance.now() - started);
}

async function mean(run: () => unknown): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < REPEATS; i++) await run();
  return round((performance.now() - started) / REPEATS);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
