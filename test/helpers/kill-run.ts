// Kills the real server process (SIGKILL, no warning) at random moments while generations run, restarts
// it on the same data folder each time, and checks what the next start-up left: no temp file, every image
// with its record, every record with its image, every image whole. Shared by the crash flow test and
// `npm run soak`.
import { setMaxListeners } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { IMAGE_NAME_PATTERN } from '../../src/images/names.js';
import { sidecarSchema } from '../../src/images/sidecar.js';
import type { FakeGemini } from '../fakes/gemini.js';
import { connectClient } from './mcp-client.js';
import { spawnServer } from './server.js';

export interface KillRunOptions {
  root: string;
  gemini: FakeGemini;
  entry: string[];
  kills: number;
  /** Generations kept running at once. */
  concurrency: number;
  /** The kill comes at a random moment in this window (ms) after the round's first answered generation. */
  window: [number, number];
  random?: () => number;
}

export interface FolderCheck {
  images: number;
  records: number;
  recovered: number;
  temps: string[];
  imagesWithoutRecord: string[];
  recordsWithoutImage: string[];
  damaged: string[];
}

export interface KillRunReport {
  kills: number;
  generationsAnswered: number;
  final: FolderCheck;
}

export async function runKills(options: KillRunOptions): Promise<KillRunReport> {
  const random = options.random ?? Math.random;
  let answered = 0;
  for (let kill = 0; kill < options.kills; kill += 1) {
    const server = await spawnServer({ entry: options.entry, env: envFor(options) });
    let running = true;
    // A call cut by the kill may never hear back; aborting it ends the round's workers at once.
    const cut = new AbortController();
    // Every call of the round listens on this one signal.
    setMaxListeners(1000, cut.signal);
    const workers = Array.from({ length: options.concurrency }, async () => {
      const client = await connectClient(server.url).catch(() => undefined);
      while (running && client !== undefined) {
        const result = await client
          .callTool({ name: 'generate_image', arguments: { prompt: 'crash probe' } }, undefined, {
            signal: cut.signal,
          })
          .catch(() => undefined);
        if (result !== undefined && result.isError !== true) answered += 1;
      }
      await client?.close().catch(() => undefined);
    });
    const before = answered;
    const deadline = Date.now() + 30_000;
    while (answered === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [low, high] = options.window;
    await new Promise((resolve) => setTimeout(resolve, low + random() * (high - low)));
    server.child.kill('SIGKILL');
    await server.exited;
    running = false;
    cut.abort();
    await Promise.all(workers);
  }
  // One more start: its reconciliation is what is being tested.
  const last = await spawnServer({ entry: options.entry, env: envFor(options) });
  const final = await checkFolder(options.root);
  last.child.kill('SIGTERM');
  await last.exited;
  return { kills: options.kills, generationsAnswered: answered, final };
}

function envFor(options: KillRunOptions): Record<string, string> {
  return { IMG_ROOT: options.root, GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: options.gemini.url };
}

export async function checkFolder(root: string): Promise<FolderCheck> {
  const files = await readdir(root);
  const thumbs = await readdir(join(root, '.thumbs')).catch(() => []);
  const images = files.filter((file) => IMAGE_NAME_PATTERN.test(file));
  const records = files.filter((file) => /^[0-9a-f]{32}\.json$/.test(file));
  const check: FolderCheck = {
    images: images.length,
    records: records.length,
    recovered: 0,
    temps: [...files, ...thumbs].filter((file) => file.endsWith('.tmp')),
    imagesWithoutRecord: images.filter((image) => !records.includes(`${image.slice(0, 32)}.json`)),
    recordsWithoutImage: [],
    damaged: [],
  };
  for (const record of records) {
    const sidecar = sidecarSchema.parse(JSON.parse(await readFile(join(root, record), 'utf8')));
    if (sidecar.recovered === true) check.recovered += 1;
    if (!images.includes(sidecar.name)) {
      check.recordsWithoutImage.push(record);
      continue;
    }
    const bytes = await readFile(join(root, sidecar.name));
    const whole = await sharp(bytes, { failOn: 'error' })
      .raw()
      .toBuffer()
      .then(
        () => true,
        () => false,
      );
    if (!whole || bytes.length !== sidecar.bytes) check.damaged.push(sidecar.name);
  }
  return check;
}
