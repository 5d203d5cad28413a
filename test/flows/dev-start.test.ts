// The development start (what `npm run dev` runs: src/main.ts with readable logs and no public URL set):
// the first line names the MCP endpoint and the dashboard, and every address, image links included,
// follows PORT. Runs the real entry point as a child process and reads its stdout.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';
import { callTool, connectClient } from '../helpers/mcp-client.js';
import { freePort } from '../helpers/server.js';

let gemini: FakeGemini;
let root: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  gemini = await startFakeGemini();
  root = await mkdtemp(join(tmpdir(), 'image-studio-dev-start-'));
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await gemini?.close();
  await rm(root, { recursive: true, force: true });
});

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && server.exitCode === null) {
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the server did not become healthy (exit code ${server.exitCode})`);
}

describe('development start', () => {
  it('opens with the MCP and dashboard URLs and hands out links on the port it listens on', async () => {
    const port = await freePort();
    const { IMG_PUBLIC_URL: _ignored, ...inherited } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...inherited,
        IMG_AUTH_DISABLED: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        IMG_ROOT: root,
        LOG_FORMAT: 'pretty',
        LOG_LEVEL: 'info',
        GEMINI_API_KEY: 'test-key',
        GEMINI_BASE_URL: gemini.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    await waitForHealth(`http://127.0.0.1:${port}`, child);

    const first = output.split('\n')[0] ?? '';
    expect(first).toContain(`MCP endpoint http://localhost:${port}/mcp`);
    expect(first).toContain(`dashboard http://localhost:${port}/ui`);
    expect(first.startsWith('{')).toBe(false);

    const client = await connectClient(`http://127.0.0.1:${port}`);
    const result = await callTool(client, 'generate_image', { prompt: 'a red kite' });
    await client.close();
    const url = (result.structuredContent as { url?: string } | undefined)?.url;
    expect(url).toMatch(new RegExp(`^http://localhost:${port}/i/[0-9a-f]{32}\\.(jpg|png)$`));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
