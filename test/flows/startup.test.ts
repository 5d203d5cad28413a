// Start-up with a folder that already holds many images: the server answers /health and /mcp while the
// index is still being built from the sidecars, and the dashboard waits for the index, so its first page
// already counts every image.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticImages } from '../helpers/image-fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const IMAGES = 3000;
let root: string;
let server: TestServer | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'image-studio-startup-'));
  await writeSyntheticImages(root, IMAGES, 3);
});

afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('start-up with existing images', () => {
  it('is healthy at once and shows every image on the first dashboard page', async () => {
    server = await startTestServer({ root });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const page = await (await fetch(`${server.url}/ui`)).text();
    const totals = /Total \((\d+) users?\)<\/th><td class="num">(\d+)<\/td>/.exec(page);
    expect(totals?.[1]).toBe('3');
    expect(Number(totals?.[2])).toBe(IMAGES);
  });
});
