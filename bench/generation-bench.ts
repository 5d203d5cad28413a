// Generation overhead: everything the server adds to a generate_image call beyond Gemini itself. The
// fake Gemini renders a fresh picture per call, which takes longer and varies more than our overhead, so
// each case first records one real answer from the fake (a 1K and a 4K JPEG) and then a replay server answers every call with those recorded bytes. The
// baseline is the same request sent straight to the replay server; the server under test is the built
// `node dist/main.js` (auth off) pointed at it. Calls are interleaved, and the overhead is the difference
// of the medians, also given as a ratio to the baseline.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGemini } from '../test/fakes/gemini.js';
import { callTool, connectClient } from '../test/helpers/mcp-client.js';
import { spawnServer } from '../test/helpers/server.js';

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

export async function benchGeneration(runs = 9): Promise<OverheadFigure[]> {
  const recorded = await recordAnswers();
  let answer = '';
  const replay = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((resolve) => replay.listen(0, '127.0.0.1', resolve));
  const replayUrl = `http://127.0.0.1:${(replay.address() as AddressInfo).port}`;
  const root = await mkdtemp(join(tmpdir(), 'generation-bench-'));
  const server = await spawnServer({
    entry: ['dist/main.js'],
    env: { IMG_ROOT: root, GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: replayUrl },
  });
  const client = await connectClient(server.url);
  const figures: OverheadFigure[] = [];
  try {
    for (const [index, { label, args }] of CASES.entries()) {
      const record = recorded[index];
      if (record === undefined) throw new Error('no recorded answer');
      answer = record.answer;
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
    await new Promise((resolve) => replay.close(resolve));
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}

/** One real request per case through a server to learn its exact shape, then the fake's answer to it. */
async function recordAnswers() {
  const gemini = await startFakeGemini();
  const root = await mkdtemp(join(tmpdir(), 'generation-record-'));
  const server = await spawnServer({
    entry: ['dist/main.js'],
    env: { IMG_ROOT: root, GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: gemini.url },
  });
  const client = await connectClient(server.url);
  try {
    const records = [];
    for (const { args } of CASES) {
      await callTool(client, 'generate_image', { ...args });
      const request = gemini.requests.at(-1);
      if (request === undefined) throw new Error('the fake Gemini saw no request');
      const answer = await post(`${gemini.url}${request.path}`, request.body);
      records.push({ path: request.path, body: request.body, answer, imageBytes: imageSizeOf(answer) });
    }
    return records;
  } finally {
    await client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await gemini.close();
    await rm(root, { recursive: true, force: true });
  }
}

async function post(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
    body: JSON.stringify(body),
  });
  return response.text();
}

function imageSizeOf(answer: string): number {
  const json = JSON.parse(answer) as {
    candidates?: { content?: { parts?: { inlineData?: { data?: string } }[] } }[];
  };
  const parts = json.candidates?.[0]?.content?.parts ?? [];
  const data = parts.findLast((part) => part.inlineData?.data !== undefined)?.inlineData?.data ?? '';
  return Buffer.from(data, 'base64').length;
}
