// /i/, /d/ and /ui/thumbs/ answer a cached file before the app's middleware. These tests pin that the
// fast answer is the same as the app's own: same status, headers and bytes for GET, HEAD and conditional
// requests; that anything not in its plain form, or with another Host or an Origin, still goes through the
// app and its checks; and that image hits are summed up in the log.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhotoJpeg } from '../helpers/image-fixtures.js';
import { type RawResponse, rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const name = `${'e'.repeat(32)}.jpg`;
let bytes: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  bytes = await makePhotoJpeg(300);
  await writeFile(join(server.root, name), bytes);
});

afterAll(async () => {
  await server?.stop();
});

/** The headers that describe the answer (not the ones that differ per request or connection). */
function stable(response: RawResponse): Record<string, unknown> {
  const { date: _date, connection: _c, 'keep-alive': _k, 'x-request-id': _id, ...rest } = response.headers;
  return rest;
}

describe('the /i/ fast path', () => {
  it('answers a cached image exactly as the app answered it the first time', async () => {
    server.running.deps.store.evict(name);
    const first = await rawRequest(server.url, `/i/${name}`);
    expect(server.running.deps.store.cachedImage(name)).toBeDefined();
    const cached = await rawRequest(server.url, `/i/${name}`);
    expect(first.status).toBe(200);
    expect(first.body.equals(bytes)).toBe(true);
    expect(cached.status).toBe(200);
    expect(cached.body.equals(bytes)).toBe(true);
    expect(stable(cached)).toEqual(stable(first));
    expect(stable(cached)).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(bytes.length),
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
  });

  it('answers HEAD and If-None-Match like the app', async () => {
    server.running.deps.store.evict(name);
    const appHead = await rawRequest(server.url, `/i/${name}`, { method: 'HEAD' });
    const fastHead = await rawRequest(server.url, `/i/${name}`, { method: 'HEAD' });
    expect(fastHead.body.length).toBe(0);
    expect(stable(fastHead)).toEqual(stable(appHead));
    const etag = String(fastHead.headers.etag);
    server.running.deps.store.evict(name);
    const appNotModified = await rawRequest(server.url, `/i/${name}`, { headers: { 'If-None-Match': etag } });
    const fastNotModified = await rawRequest(server.url, `/i/${name}`, {
      headers: { 'If-None-Match': `W/${etag}, "other"` },
    });
    expect(appNotModified.status).toBe(304);
    expect(fastNotModified.status).toBe(304);
    expect(stable(fastNotModified)).toEqual(stable(appNotModified));
  });

  it('serves the image with a query string, and leaves other methods and names to the app', async () => {
    await rawRequest(server.url, `/i/${name}`);
    const withQuery = await rawRequest(server.url, `/i/${name}?v=2`);
    expect(withQuery.body.equals(bytes)).toBe(true);
    for (const [method, path] of [
      ['POST', `/i/${name}`],
      ['OPTIONS', `/i/${name}`],
      ['GET', `/i/${name}/`],
      ['GET', `/i/${name}x`],
      ['GET', `/i/${name.toUpperCase()}`],
    ] as const) {
      const response = await rawRequest(server.url, path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/json/);
    }
  });

  it('answers a cached download exactly as the app answered it the first time', async () => {
    server.running.deps.store.evict(name);
    const first = await rawRequest(server.url, `/d/${name}`);
    const cached = await rawRequest(server.url, `/d/${name}`);
    expect(first.headers['x-request-id']).toBeDefined();
    expect(cached.headers['x-request-id']).toBeUndefined();
    expect(cached.body.equals(bytes)).toBe(true);
    expect(stable(cached)).toEqual(stable(first));
    expect(String(cached.headers['content-disposition'])).toMatch(/^attachment; filename="image-studio-/);
    const head = await rawRequest(server.url, `/d/${name}`, { method: 'HEAD' });
    expect(head.body.length).toBe(0);
    expect(stable(head)).toEqual(stable(first));
  });

  it('answers a cached thumbnail exactly as the app answered it, 304 included', async () => {
    server.running.deps.store.evict(name);
    const first = await rawRequest(server.url, `/ui/thumbs/${name}`);
    expect(first.status).toBe(200);
    expect(first.headers['x-request-id']).toBeDefined();
    const cached = await rawRequest(server.url, `/ui/thumbs/${name}`);
    expect(cached.headers['x-request-id']).toBeUndefined();
    expect(cached.body.equals(first.body)).toBe(true);
    expect(stable(cached)).toEqual(stable(first));
    expect(stable(cached)).toMatchObject({
      'content-type': 'image/webp',
      'content-security-policy': expect.stringContaining("default-src 'none'"),
      'x-frame-options': 'DENY',
    });
    const etag = String(cached.headers.etag);
    const fastNotModified = await rawRequest(server.url, `/ui/thumbs/${name}`, {
      headers: { 'If-None-Match': etag },
    });
    server.running.deps.store.evict(name);
    await rawRequest(server.url, `/ui/thumbs/${name}?warm`, { headers: { Host: 'localhost' } });
    const appNotModified = await rawRequest(server.url, `/ui/thumbs/${name}`, {
      headers: { 'If-None-Match': etag, Host: 'localhost' },
    });
    expect(fastNotModified.status).toBe(304);
    expect(appNotModified.status).toBe(304);
    expect(appNotModified.headers['x-request-id']).toBeDefined();
    expect(stable(fastNotModified)).toEqual(stable(appNotModified));
  });

  it('leaves a download or thumbnail with another Host or any Origin to the app and its checks', async () => {
    for (const path of [`/d/${name}`, `/ui/thumbs/${name}`]) {
      await rawRequest(server.url, path);
      const cached = await rawRequest(server.url, path);
      expect(cached.headers['x-request-id'], path).toBeUndefined();
      const foreignHost = await rawRequest(server.url, path, { headers: { Host: 'evil.example' } });
      expect(foreignHost.status, path).toBe(403);
      const foreignOrigin = await rawRequest(server.url, path, {
        headers: { Origin: 'https://evil.example' },
      });
      expect(foreignOrigin.status, path).toBe(403);
      const ownOrigin = await rawRequest(server.url, path, { headers: { Origin: server.url } });
      expect(ownOrigin.status, path).toBe(200);
      expect(ownOrigin.headers['x-request-id'], path).toBeDefined();
    }
  });

  it('logs image hits as one summary, not one line each at info level', async () => {
    const before = server.logs.length;
    for (let i = 0; i < 5; i += 1) await rawRequest(server.url, `/i/${name}`);
    const lines = server.logs.slice(before).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
    expect(lines.filter((line) => line.msg === 'image hit').every((line) => line.level === 20)).toBe(true);
    await server.restart();
    const summary = server.logs.map((line) => JSON.parse(line) as { msg: string; hits?: number });
    expect(summary.some((line) => line.msg === 'image hits' && (line.hits ?? 0) >= 5)).toBe(true);
  });
});
