// Start-up time: spawns the built server (`node dist/main.js`, auth off) on a data folder holding N
// synthetic images with their sidecars, and times from spawn until /health answers 200 and until the
// dashboard's first page (which waits for the index) answers. The baseline is the same start on an empty
// folder, measured in the same run.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticImages } from '../test/helpers/image-fixtures.js';
import { spawnServer } from '../test/helpers/server.js';

export interface StartupFigure {
  images: number;
  /** Spawn until /health answers 200. */
  msToHealthy: number;
  /** Spawn until the dashboard's first page answers, which waits for the index of every sidecar. */
  msToDashboard: number;
}

async function timeStart(root: string): Promise<{ healthy: number; dashboard: number }> {
  const started = performance.now();
  const { child, exited, url, msToHealthy } = await spawnServer({
    entry: ['dist/main.js'],
    env: { IMG_ROOT: root },
  });
  const dashboard = await fetch(`${url}/ui`);
  await dashboard.arrayBuffer();
  if (!dashboard.ok) throw new Error(`the dashboard answered ${dashboard.status}`);
  const msToDashboard = performance.now() - started;
  child.kill('SIGTERM');
  await exited;
  return { healthy: msToHealthy, dashboard: msToDashboard };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
};

export async function benchStartup(counts: number[], repeats = 3): Promise<StartupFigure[]> {
  const figures: StartupFigure[] = [];
  const warmRoot = await mkdtemp(join(tmpdir(), 'image-studio-bench-'));
  await timeStart(warmRoot); // the first spawn pays for cold file caches; keep it out of the figures
  await rm(warmRoot, { recursive: true, force: true });
  for (const count of [0, ...counts]) {
    const root = await mkdtemp(join(tmpdir(), 'image-studio-bench-'));
    await mkdir(root, { recursive: true });
    await writeSyntheticImages(root, count);
    const runs: { healthy: number; dashboard: number }[] = [];
    for (let i = 0; i < repeats; i += 1) runs.push(await timeStart(root));
    figures.push({
      images: count,
      msToHealthy: median(runs.map((r) => r.healthy)),
      msToDashboard: median(runs.map((r) => r.dashboard)),
    });
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}
