// npm run bench: the project's speed figures, each with a baseline measured in the same run so that the
// numbers read as ratios rather than machine-dependent milliseconds. Needs `npm run build` first (the
// start-up case spawns dist/main.js); the npm script does that.
import { mkdir, writeFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { benchDashboard } from './dashboard-bench.js';
import { benchGeneration } from './generation-bench.js';
import { benchImages } from './image-bench.js';
import { benchIndex } from './index-bench.js';
import { benchStartup } from './startup-bench.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000, 10_000] : [10_000, 100_000];

async function trivialRequestMs(runs = 200): Promise<number> {
  const app = new Hono();
  app.get('/', (c) => c.text('ok'));
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await (await app.request('http://localhost/')).text();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

const baselineMs = await trivialRequestMs();
const index = await benchIndex(sizes, { scanFiles: sizes[0] ?? 10_000 });
const dashboard = await benchDashboard({ sizes });
const startup = await benchStartup(sizes, quick ? 1 : 3);
const images = await benchImages({ seconds: quick ? 1 : 2, rounds: quick ? 1 : 3 });
const generation = await benchGeneration(quick ? 3 : 21);

console.log(`\nBaseline: a trivial Hono request takes ${round(baselineMs, 3)} ms (median).\n`);
console.log('Dashboard pages (median ms; ratio to the trivial request):');
for (const f of dashboard)
  console.log(
    `  ${f.sidecars.toLocaleString('en')} sidecars: overview ${round(f.overviewMs)} ms (×${round(f.overviewMs / baselineMs, 1)}), ` +
      `gallery page 1 ${round(f.galleryFirstPageMs)} ms (×${round(f.galleryFirstPageMs / baselineMs, 1)}), ` +
      `deep page ${round(f.galleryDeepPageMs)} ms (×${round(f.galleryDeepPageMs / baselineMs, 1)}), ` +
      `heavy user ${f.heavyUserImages.toLocaleString('en')} images, page HTML ${f.galleryPageHtmlBytes.toLocaleString('en')} B`,
  );
const [small, large] = dashboard;
if (small !== undefined && large !== undefined)
  console.log(
    `  gallery page at ${large.sidecars.toLocaleString('en')} vs ${small.sidecars.toLocaleString('en')}: ×${round(large.galleryFirstPageMs / small.galleryFirstPageMs)}; deep vs first page at ${large.sidecars.toLocaleString('en')}: ×${round(large.galleryDeepPageMs / large.galleryFirstPageMs)}`,
  );

console.log('\nIndex (in memory):');
for (const f of index.index)
  console.log(
    `  ${f.images.toLocaleString('en')} images: build ${round(f.buildMs)} ms, page ${round(f.firstPageMs, 4)} ms, deep page ${round(f.deepPageMs, 4)} ms, usage ${round(f.usageMs, 4)} ms`,
  );
if (index.scan !== undefined)
  console.log(
    `  scan + build from ${index.scan.files.toLocaleString('en')} sidecar files on disk: ${round(index.scan.scanAndBuildMs)} ms`,
  );

console.log('\nStart-up (spawn → first answer, median):');
const empty = startup.find((f) => f.images === 0);
for (const f of startup)
  console.log(
    `  ${f.images.toLocaleString('en')} images: /health ${f.msToHealthy} ms (×${round(f.msToHealthy / (empty?.msToHealthy ?? 1))} of an empty folder), ` +
      `dashboard ${f.msToDashboard} ms (×${round(f.msToDashboard / (empty?.msToDashboard ?? 1))})`,
  );

console.log(
  `\nImage throughput from outside (wrk, 32 connections; ratio to ${images.figures[0]?.baseline ?? 'baseline'} serving the same file in the same run):`,
);
for (const [i, f] of images.figures.entries()) {
  const plain = images.nodeMemory[i]?.ratio ?? 0;
  console.log(
    `  ${f.label} (${Math.round(f.bytes / 1000)} KB): ×${round(f.ratio)} (${f.serverRps} vs ${f.baselineRps} req/s, ${f.errors} errors); ` +
      `a minimal Node server from memory: ×${round(plain)}`,
  );
}
console.log(
  '\nGeneration overhead (median; ratio to the same request answered by the stand-in Gemini alone):',
);
for (const f of generation)
  console.log(
    `  ${f.label} (${Math.round(f.bytes / 1000)} KB): overhead ${round(f.overheadMs, 1)} ms ` +
      `(server ${round(f.serverMs, 1)} ms vs Gemini alone ${round(f.fakeMs, 1)} ms, ×${round(f.ratio)})`,
  );

await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/latest.json',
  JSON.stringify({ baselineMs, index, dashboard, startup, images, generation }, null, 2),
);
console.log('\nFigures saved to bench/results/latest.json');
