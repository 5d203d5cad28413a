// Generation overhead: everything the server adds to a generate_image call beyond Gemini itself. The
// fake Gemini renders a fresh picture per call, which takes longer and varies more than our overhead, so
// each case first records one real answer from the fake (a 1K and a 4K JPEG) and then a replay server answers every call with those recorded bytes. The
// baseline is the same request sent straight to the replay server; the server under test is the built
// `node dist/main.js` (auth off) pointed at it. Calls are interleaved, and the overhead is the difference
// of the medians, also given as a ratio to the baseline.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callTool, connectClient } from '../test/helpers/mcp-client.js';
import { spawnServer } from '../test/helpers/server.js';
import { post, recordAnswers, startReplayGemini } from './replay-gemini.js';

export interface OverheadFigure {
  label: string;
  /** Size of the image Gemini returned. */
  bytes: number;
  fakeMs: number;
  serverMs: number;
  overheadMs: number;
  ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const CASES = [
  { label: '1K JPEG', args: { prompt: 'an overhead probe', image_size: '1K' } },
  { label: '4K JPEG', args: { prompt: 'an overhead probe', image_size: '4K' } },
] as const;

/** `entry` is the server to measure; another build can be compared against the same recorded answers. */
export async function benchGeneration(runs = 9, entry = 'dist/main.js'): Promise<OverheadFigure[]> {
  const recorded = await recordAnswers(CASES);
  const replay = await startReplayGemini();
  const replayUrl = replay.url;
  const root = await mkdtemp(join(tmpdir(), 'generation-bench-'));
  const server = await spawnServer({
    entry: [entry],
    env: { IMG_ROOT: root, GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: replayUrl },
  });
  const client = await connectClient(server.url);
  const figures: OverheadFigure[] = [];
  try {
    for (const [index, { label, args }] of CASES.entries()) {
      const record = recorded[index];
      if (record === undefined) throw new Error('no recorded answer');
      replay.setAnswer(record.answer);
      const direct = () => post(`${replayUrl}${record.path}`, record.body);
      const fake: number[] = [];
      const ours: number[] = [];
      for (let i = 0; i <= runs; i += 1) {
        const started = performance.now();
        await direct();
        const fakeMs = performance.now() - started;
        const begun = performance.now();
        const result = await callTool(client, 'generate_image', { ...args });
        if (result.isError)
          throw new Error(`a generation failed during the bench: ${JSON.stringify(result)}`);
        // The first round warms both paths up and is not counted.
        if (i === 0) continue;
        fake.push(fakeMs);
        ours.push(performance.now() - begun);
      }
      const fakeMs = median(fake);
      const serverMs = median(ours);
      figures.push({
        label,
        bytes: record.imageBytes,
        fakeMs,
        serverMs,
        overheadMs: serverMs - fakeMs,
        ratio: serverMs / fakeMs,
      });
    }
  } finally {
    await client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await replay.close();
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}
