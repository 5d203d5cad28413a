// End to end over a data folder exactly as the Python original left it (built by the fixture maker): the
// real server (auth off, so the viewer is the admin dev@local) must show every record with its cost and
// thumbnail, serve each file with its true type, accept the original's images as references with their
// true MIME type, and add new images to the old totals without touching the original files.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { makeOriginalFolder, ORIGINAL_HISTORY } from '../helpers/original-folder.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
const nameOf = (i: number) => `${ORIGINAL_HISTORY[i]?.stem}.png`;

beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const root = await mkdtemp(join(tmpdir(), 'image-studio-original-'));
  await makeOriginalFolder(root, { damagedStem: 'ffeeddccbbaa44998877665544332211' });
  server = await startTestServer({ root });
  client = await connectClient(server.url);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

const page = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
};

describe('a folder from the Python original', () => {
  it('shows every person once with the cost of all their records', async () => {
    const html = await page('/ui');
    expect(html).toContain('ada.lovelace@<wbr/>example.com');
    expect(html).toContain('$0.078');
    expect(html).toContain('$0.285');
    expect(html).toContain('Total (2 users)');
    expect(html).toContain('$0.363');
    expect(html).not.toMatch(/Ada\.Lovelace@/);
  });

  it('lists the records in the gallery with their retired model ids as they are', async () => {
    const html = await page('/ui/gallery?user=BOB%40example.com');
    expect(html).toContain('2 images, newest first');
    expect(html).toContain('gemini-3-pro-image-preview (pro)');
    expect(html).toContain('the same lighthouse at dawn, calm sea');
    const ada = await page('/ui/gallery?user=ada.lovelace%40example.com');
    expect(ada).toContain('gemini-2.5-flash-image-preview');
    expect(ada).toContain('café crème on a marble table ☕');
  });

  it('serves each file with its true type and makes thumbnails', async () => {
    const jpeg = await fetch(`${server.url}/i/${nameOf(0)}`);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    const png = await fetch(`${server.url}/i/${nameOf(1)}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    for (const i of [0, 1, 2, 3]) {
      const thumb = await fetch(`${server.url}/ui/thumbs/${nameOf(i)}`);
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
    }
  });

  it('logged the damaged sidecar once and went on', () => {
    const lines = server.logs.filter((line) => line.includes('ffeeddccbbaa44998877665544332211.json'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('skipping unusable sidecar');
  });

  it('seeded the spend ledger from the records', async () => {
    await page('/ui');
    const ledger = await readFile(join(server.root, '.spend', 'ledger.jsonl'), 'utf8');
    expect(ledger.trim().split('\n')).toHaveLength(ORIGINAL_HISTORY.length);
  });

  it('takes an original image as a reference, sent to Gemini with its true MIME type', async () => {
    const before = await Promise.all(
      ORIGINAL_HISTORY.map((image) => readFile(join(server.root, `${image.stem}.png`))),
    );
    server.gemini.requests.length = 0;
    const result = await callTool(client, 'generate_image', {
      prompt: 'the lighthouse again, at night',
      reference_images: [nameOf(2), `${server.url}/i/${nameOf(1)}`],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const body = server.gemini.requests.at(-1)?.body as {
      contents: { parts: { inlineData?: { mimeType: string } }[] }[];
    };
    const mimes = body.contents.flatMap((c) =>
      c.parts.flatMap((p) => (p.inlineData ? [p.inlineData.mimeType] : [])),
    );
    expect(mimes).toEqual(['image/jpeg', 'image/png']);
    const after = await Promise.all(
      ORIGINAL_HISTORY.map((image) => readFile(join(server.root, `${image.stem}.png`))),
    );
    expect(after).toEqual(before);
  });

  it('adds new images to the old totals', async () => {
    const html = await page('/ui');
    expect(html).toContain('Total (3 users)');
    expect(html).toMatch(/dev@<wbr\/>local/);
    const ledger = await readFile(join(server.root, '.spend', 'ledger.jsonl'), 'utf8');
    expect(ledger.trim().split('\n')).toHaveLength(ORIGINAL_HISTORY.length + 1);
  });
});
