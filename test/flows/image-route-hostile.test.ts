// Hostile requests to /i/: traversal, encodings, sidecar and prefs names, wrong extensions, symlinks and
// mislabelled files. Sent over raw HTTP so no client normalises the path first. Only real images may come back.

import { copyFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectClient } from '../helpers/mcp-client.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let jpgName = '';
let stem = '';

async function rawGet(
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  const response = await rawRequest(server.url, path, { method });
  const type = response.headers['content-type'];
  return { status: response.status, type: typeof type === 'string' ? type : undefined, body: response.body };
}

beforeAll(async () => {
  server = await startTestServer();
  const client = await connectClient(server.url);
  const result = await callTool(client, 'generate_image', { prompt: 'a target' });
  await client.close();
  jpgName = (result.structuredContent as { name: string }).name;
  stem = jpgName.slice(0, 32);
  await writeFile(join(server.root, 'prefs.json'), '{"dev@local":{"model":"pro"}}');
  // A JPEG under a .png name (as the Python original stored them), a PNG under a .jpg name (which no
  // server ever wrote), a symlink to a file outside the root, and a stray text file.
  await copyFile(join(server.root, jpgName), join(server.root, `${'a'.repeat(32)}.png`));
  await writeFile(
    join(server.root, `${'e'.repeat(32)}.jpg`),
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
      .png()
      .toBuffer(),
  );
  await symlink('/etc/hostname', join(server.root, `${'b'.repeat(32)}.jpg`));
  await writeFile(join(server.root, `${'c'.repeat(32)}.jpg`), 'not an image at all');
});

afterAll(async () => {
  await server?.stop();
});

describe('/i/ serves nothing but real images', () => {
  it('serves the real image, with HEAD and conditional requests', async () => {
    const ok = await rawGet(`/i/${jpgName}`);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('image/jpeg');
    const head = await rawGet(`/i/${jpgName}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const first = await fetch(`${server.url}/i/${jpgName}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${server.url}/i/${jpgName}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves a JPEG under a .png name, as the Python original stored them, as the JPEG it is', async () => {
    const legacy = await rawGet(`/i/${'a'.repeat(32)}.png`);
    expect(legacy.status).toBe(200);
    expect(legacy.type).toBe('image/jpeg');
  });

  it('reads a percent-encoded dot in a real name as the same image (RFC 3986 equivalence)', async () => {
    const encoded = await rawGet(`/i/${stem}%2ejpg`);
    const plain = await rawGet(`/i/${jpgName}`);
    expect(encoded.status).toBe(200);
    expect(encoded.body.equals(plain.body)).toBe(true);
  });

  it.each([
    () => `/i/${stem}.json`,
    () => '/i/prefs.json',
    () => '/i/../prefs.json',
    () => '/i/%2e%2e/prefs.json',
    () => '/i/%2E%2E%2Fprefs.json',
    () => '/i/..%2fprefs.json',
    () => '/i/%252e%252e%252fprefs.json',
    () => `/i/..%5c${stem}.json`,
    () => `/i/${stem}.JPG`,
    () => `/i/${stem}.jpeg`,
    () => `/i/${stem}.png`,
    () => `/i/${stem}.jpg.json`,
    () => `/i/${stem}.jpg%00.json`,
    () => `/i/${stem.toUpperCase()}.jpg`,
    () => `/i/./${jpgName}/..`,
    () => `/i/${'e'.repeat(32)}.jpg`,
    () => `/i/${'b'.repeat(32)}.jpg`,
    () => `/i/${'c'.repeat(32)}.jpg`,
    () => `/i/${'d'.repeat(32)}.jpg`,
    () => '/i/',
    () => '/i',
    () => `/${stem}.json`,
    () => '/prefs.json',
    () => '/i/.thumbs',
  ])('refuses %s with a JSON 404', async (path) => {
    const response = await rawGet(path());
    expect(response.status).toBe(404);
    expect(response.type).toMatch(/application\/json/);
    expect(response.body.toString()).not.toContain('"model"');
  });

  it('still has every file it was given (nothing deleted or rewritten by the probes)', async () => {
    const names = await readdir(server.root);
    expect(names).toContain(jpgName);
    expect(names).toContain('prefs.json');
  });
});
