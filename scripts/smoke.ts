// Smoke test of a running server with sign-in off, used by CI on the freshly built container:
//   tsx scripts/smoke.ts http://127.0.0.1:8766 [--fake-gemini-port 9555]
// With --fake-gemini-port it first starts the test tree's fake Gemini on that loopback port (start the
// server with GEMINI_BASE_URL pointing there). It waits for /health, makes one image through the MCP
// endpoint with the real MCP client, downloads the returned link and checks it is an image. Exits 1 with
// the reason on the first failure.
import { parseArgs } from 'node:util';
import type { FakeGemini } from '../test/fakes/gemini.js';
import { startFakeGemini } from '../test/fakes/gemini.js';
import { callTool, connectClient, textOf } from '../test/helpers/mcp-client.js';

const HEALTH_TIMEOUT_MS = 90_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'fake-gemini-port': { type: 'string' } },
});
const base = positionals[0] ?? 'http://127.0.0.1:8766';

function fail(message: string): never {
  process.stderr.write(`smoke: FAILED: ${message}\n`);
  process.exit(1);
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail(`${base}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
}

async function generateOnce(): Promise<{ url: string; width: number; height: number }> {
  const client = await connectClient(base);
  try {
    const result = await callTool(client, 'generate_image', {
      prompt: 'smoke test: a lighthouse on a cliff',
      model: 'lite',
    });
    if (result.isError) fail(`generate_image answered with an error: ${textOf(result)}`);
    const data = result.structuredContent as { url?: unknown; width?: unknown; height?: unknown } | undefined;
    if (typeof data?.url !== 'string') fail('generate_image returned no image URL');
    return { url: data.url, width: Number(data.width), height: Number(data.height) };
  } finally {
    await client.close();
  }
}

async function checkImage(url: string): Promise<number> {
  const response = await fetch(url);
  const type = response.headers.get('content-type') ?? '';
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok || !type.startsWith('image/') || bytes === 0)
    fail(`${url} answered HTTP ${response.status}, ${type || 'no content type'}, ${bytes} bytes`);
  return bytes;
}

let fake: FakeGemini | undefined;
const fakePort = values['fake-gemini-port'];
if (fakePort !== undefined) {
  fake = await startFakeGemini({ host: '127.0.0.1', port: Number(fakePort) });
  process.stdout.write(`smoke: fake Gemini at ${fake.url}\n`);
}
await waitForHealth();
process.stdout.write(`smoke: ${base}/health answers 200\n`);
const image = await generateOnce();
const bytes = await checkImage(image.url);
process.stdout.write(`smoke: generated ${image.width}×${image.height}, ${bytes} bytes at ${image.url}\n`);
await fake?.close();
process.stdout.write('smoke: OK\n');
