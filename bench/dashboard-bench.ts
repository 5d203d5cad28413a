// Dashboard speed at scale: builds an in-memory ImageIndex from 10,000 and 100,000 synthetic sidecars
// (no files), mounts the real /ui app over it with auth disabled, and times the overview (cost per user)
// and a heavy user's gallery: the first page and a page deep in the archive reached by cursor.
// `npm run bench` (bench/run.ts, wired by the lead) prints the figures; nothing here touches the network.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { createAccessPolicy } from '../src/auth/index.js';
import { createKeyRing } from '../src/auth/keys.js';
import { createBudgetPolicy } from '../src/budgets/index.js';
import { loadConfig } from '../src/config.js';
import type { AppEnv } from '../src/http/types.js';
import { createImageIndex, createImageStore, createPrefsStore, type Sidecar } from '../src/images/index.js';
import { createSilentLogger } from '../src/log.js';
import { createModelRegistry } from '../src/models/index.js';
import { createSpendLedger } from '../src/spend/index.js';
import { createUi } from '../src/ui/index.js';
import { makeSidecar, stemFor } from '../test/helpers/image-fixtures.js';

export interface DashboardBenchFigures {
  sidecars: number;
  users: number;
  /** Images of the busiest user, whose gallery is timed. */
  heavyUserImages: number;
  indexBuildMs: number;
  /** Median over `runs` requests, milliseconds. */
  overviewMs: number;
  galleryFirstPageMs: number;
  galleryDeepPageMs: number;
  galleryPageHtmlBytes: number;
}

export interface DashboardBenchOptions {
  sizes?: readonly number[];
  runs?: number;
}

const USERS = 12;
const HEAVY_USER = 'heavy@example.com';

export async function benchDashboard(options: DashboardBenchOptions = {}): Promise<DashboardBenchFigures[]> {
  const figures: DashboardBenchFigures[] = [];
  for (const size of options.sizes ?? [10_000, 100_000])
    figures.push(await benchOne(size, options.runs ?? 15));
  return figures;
}

async function benchOne(count: number, runs: number): Promise<DashboardBenchFigures> {
  const root = await mkdtemp(join(tmpdir(), 'image-studio-bench-'));
  try {
    const sidecars = syntheticSidecars(count);
    const index = createImageIndex();
    const started = performance.now();
    await index.build(sidecars);
    const indexBuildMs = performance.now() - started;
    const app = buildApp(root, index);
    const get = (path: string) => app.request(`http://localhost:8766${path}`);
    const heavyImages = index.countFor(HEAVY_USER);
    const deepCursor = index.page(HEAVY_USER, { limit: Math.max(1, Math.floor(heavyImages * 0.9)) }).next;
    const deepPath = `/ui/gallery?user=${HEAVY_USER}${deepCursor === undefined ? '' : `&before=${deepCursor}`}`;
    const firstPage = await (await get(`/ui/gallery?user=${HEAVY_USER}`)).text();
    return {
      sidecars: count,
      users: index.totals().users,
      heavyUserImages: heavyImages,
      indexBuildMs: round(indexBuildMs),
      overviewMs: await medianMs(runs, () => get('/ui')),
      galleryFirstPageMs: await medianMs(runs, () => get(`/ui/gallery?user=${HEAVY_USER}`)),
      galleryDeepPageMs: await medianMs(runs, () => get(deepPath)),
      galleryPageHtmlBytes: Buffer.byteLength(firstPage),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function buildApp(root: string, index: ReturnType<typeof createImageIndex>): Hono<AppEnv> {
  const config = loadConfig({
    IMG_AUTH_DISABLED: '1',
    IMG_ROOT: root,
    LOG_LEVEL: 'silent',
    IMG_BUDGET_USD: '20',
  });
  const logger = createSilentLogger();
  const ui = createUi({
    config,
    logger,
    keys: createKeyRing('bench-only-secret-0123456789abcdef0123456789'),
    google: undefined,
    access: createAccessPolicy(config),
    index,
    // Not opened: the bench measures the index; spend falls back to what the indexed images cost.
    spend: createSpendLedger({ root, logger }),
    prefs: createPrefsStore({ root, logger }),
    store: createImageStore({ root, logger }),
    registry: createModelRegistry({ ids: config.modelIds, prices: config.priceOverrides }),
    budgets: createBudgetPolicy(config.budgets),
  });
  return new Hono<AppEnv>().route('/ui', ui);
}

/** Half the images belong to one heavy user, the rest spread over the others; one a minute, mixed models. */
function syntheticSidecars(count: number): Sidecar[] {
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: count }, (_, n) => {
    const email = n % 2 === 0 ? HEAVY_USER : `user${n % (USERS - 1)}@example.com`;
    const pro = n % 5 === 0;
    return makeSidecar(`${stemFor(n)}.png`, {
      email,
      created: new Date(start + n * 60_000).toISOString(),
      prompt: `synthetic prompt ${n} `.repeat(1 + (n % 12)),
      model: pro ? 'gemini-3-pro-image' : 'gemini-3.1-flash-image',
      model_alias: pro ? 'pro' : 'flash',
      cost: pro ? 0.134 : 0.067,
    });
  });
}

async function medianMs(runs: number, request: () => Response | Promise<Response>): Promise<number> {
  const times: number[] = [];
  await (await request()).arrayBuffer(); // warm-up
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`benchmark request answered HTTP ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return round(times[Math.floor(times.length / 2)] ?? 0);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
