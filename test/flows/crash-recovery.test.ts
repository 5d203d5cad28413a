// SIGKILL at random moments while generations run, against the real entry point (src/main.ts): after
// the next start-up no temp file is left, every image has its record, every record its image, and no
// image is damaged. Generations are fast here, so kills land in the middle of saves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';
import { runKills } from '../helpers/kill-run.js';

let gemini: FakeGemini;
let root: string;

beforeAll(async () => {
  gemini = await startFakeGemini();
  root = await mkdtemp(join(tmpdir(), 'image-studio-crash-'));
});

afterAll(async () => {
  await gemini?.close();
  await rm(root, { recursive: true, force: true });
});

describe('a server killed with SIGKILL during generations', () => {
  it('leaves, after the next start-up, no temp file and no image without its record', async () => {
    const report = await runKills({
      root,
      gemini,
      entry: ['--import', 'tsx', 'src/main.ts'],
      kills: 3,
      concurrency: 6,
      window: [0, 800],
    });
    expect(report.final.images).toBeGreaterThan(0);
    expect(report.final).toMatchObject({
      temps: [],
      imagesWithoutRecord: [],
      recordsWithoutImage: [],
      damaged: [],
    });
    expect(report.final.records).toBe(report.final.images);
    expect(report.final.images).toBeGreaterThanOrEqual(report.generationsAnswered);
  }, 120_000);
});
