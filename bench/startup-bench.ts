// Start-up time to healthy: spawns the built server (`node dist/main.js`) on a data folder holding N
// synthetic images with their sidecars, and times from spawn until /health answers 200. The baseline is
// the same start on an empty folder, measured in the same run.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeSyntheticSidecars } from '../test/helpers/image-fixtures.js';
import { spawnServer } from '../test/helpers/server.js';

export interface StartupFigure {
  images: number;
  msToHealthy: number;
}

async function fillRoot(root: string, count: number): Promise<void> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  const sidecars = makeSyntheticSidecars(count);
  for (let i = 0; i < sidecars.length; i += 500) {
    await Promise.all(
      sidecars.slice(i, i + 500).map(async (sidecar) => {
        await writeFile(join(root, sidecar.name), jpeg);
        await writeFile(join(root, `${sidecar.name.slice(0, 32)}.json`), JSON.stringify(sidecar));
      }),
    );
  }
}

async function timeToHealthy(root: string): Promise<number> {
  const { child, exited, msToHealthy } = await spawnServer({
    entry: ['dist/main.js'],
    env: { IMG_ROOT: root },
  });
  child.kill('SIGTERM');
  await exited;
  return msToHealthy;
}

export async function benchStartup(counts: number[], repeats = 3): Promise<StartupFigure[]> {
  const figures: StartupFigure[] = [];
  const warmRoot = await mkdtemp(join(tmpdir(), 'image-studio-bench-'));
  await timeToHealthy(warmRoot); // the first spawn pays for cold file caches; keep it out of the figures
  await rm(warmRoot, { recursive: true, force: true });
  for (const count of [0, ...counts]) {
    const root = await mkdtemp(join(tmpdir(), 'image-studio-bench-'));
    await mkdir(root, { recursive: true });
    await fillRoot(root, count);
    const runs: number[] = [];
    for (let i = 0; i < repeats; i += 1) runs.push(await timeToHealthy(root));
    runs.sort((a, b) => a - b);
    figures.push({ images: count, msToHealthy: Math.round(runs[Math.floor(runs.length / 2)] ?? 0) });
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}
