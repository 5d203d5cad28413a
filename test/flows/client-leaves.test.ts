// A client that gives up (its own timeout, a closed tab, a dropped connection) must not lose an image
// Google is already billing for: the generation completes, is stored with its record and indexed for
// the dashboard, and the log says the client left.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGemini } from '../fakes/gemini.js';
import { connectClient } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ gemini: await startFakeGemini({ slowMs: 1500 }) });
});

afterAll(async () => {
  await server?.stop();
  await server?.gemini.close();
});

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a client that leaves mid-generation', () => {
  it('still gets its image stored, recorded and indexed, and the log says it left', async () => {
    server.gemini.setScenario('slow');
    const client = await connectClient(server.url);
    const leave = new AbortController();
    const call = client.callTool(
      { name: 'generate_image', arguments: { prompt: 'a lighthouse nobody waited for' } },
      undefined,
      { signal: leave.signal, timeout: 60_000 },
    );
    await until(() => server.gemini.requests.length > 0);
    leave.abort();
    await expect(call).rejects.toThrow();
    await client.close();

    const { index } = server.running.deps;
    await until(() => index.countFor('dev@local') === 1);
    const [sidecar] = index.page('dev@local', { limit: 10 }).items;
    expect(sidecar?.prompt).toBe('a lighthouse nobody waited for');
    const files = await readdir(server.root);
    expect(files).toContain(sidecar?.name);
    expect(files).toContain(`${sidecar?.name.slice(0, 32)}.json`);
    // The closing log line follows the budget settlement, a moment after the index has the image.
    const lines = () => server.logs.map((line) => JSON.parse(line) as { msg: string; clientLeft?: boolean });
    await until(() => lines().some((line) => line.msg === 'image generated'));
    expect(lines().some((line) => line.msg.includes('client left') && line.clientLeft === true)).toBe(true);
    expect(lines().some((line) => line.msg === 'image generated' && line.clientLeft === true)).toBe(true);
  });
});
