// Graceful shutdown (SPEC §9): on SIGTERM the server stops taking work, lets a generation in flight
// finish and deliver its result, then exits 0. Runs the real entry point (src/main.ts) as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';
import { callTool, connectClient } from '../helpers/mcp-client.js';
import { freePort } from '../helpers/server.js';

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

async function launch(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      IMG_AUTH_DISABLED: '1',
      IMG_ROOT: root,
      PORT: String(port),
      HOST: '127.0.0.1',
      IMG_PUBLIC_URL: url,
      GEMINI_API_KEY: 'test-key',
      GEMINI_BASE_URL: gemini.url,
      IMG_SHUTDOWN_GRACE_S: '20',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 300; i += 1) {
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { child, url, exited };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become healthy');
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
