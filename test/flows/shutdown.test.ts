// Graceful shutdown: on SIGTERM the server stops taking work, lets a generation in flight
// finish and deliver its result, then exits 0. Runs the real entry point (src/main.ts) as a child process.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';
import { callTool, connectClient } from '../helpers/mcp-client.js';
import { spawnServer } from '../helpers/server.js';

let gemini: FakeGemini;
let root: string;

beforeAll(async () => {
  gemini = await startFakeGemini({ slowMs: 2500 });
  root = await mkdtemp(join(tmpdir(), 'image-studio-shutdown-'));
});

afterAll(async () => {
  await gemini?.close();
  await rm(root, { recursive: true, force: true });
});

function launch() {
  return spawnServer({
    entry: ['--import', 'tsx', 'src/main.ts'],
    env: {
      IMG_ROOT: root,
      GEMINI_API_KEY: 'test-key',
      GEMINI_BASE_URL: gemini.url,
      IMG_SHUTDOWN_GRACE_S: '20',
    },
  });
}

describe('graceful shutdown', () => {
  it('finishes a generation in flight on SIGTERM, then refuses new connections and exits 0', async () => {
    const { child, url, exited } = await launch();
    const client = await connectClient(url);
    gemini.setScenario('slow');
    const before = gemini.requests.length;
    const pending = callTool(client, 'generate_image', { prompt: 'a lighthouse in a storm' });
    while (gemini.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    const result = await pending;
    expect(result.isError).toBeFalsy();
    const name = (result.structuredContent as { name: string }).name;
    expect(await readdir(root)).toContain(name);
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('exits promptly when idle', async () => {
    const { child, exited } = await launch();
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
