import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePhotoJpeg } from '../../../test/helpers/image-fixtures.js';
import { createHarness, createJar, type Harness, send } from '../../../test/helpers/ui-harness.js';

let harness: Harness;
afterEach(() => harness.cleanup());

async function storePhoto(email = 'ann@example.com') {
  const bytes = await makePhotoJpeg(1024, 768);
  return harness.store.saveGenerated({
    bytes,
    record: {
      email,
      prompt: 'a photo',
      aspect_ratio: '4:3',
      cost: 0.067,
      model: 'gemini-3.1-flash-image',
      model_alias: 'flash',
      image_size: '1K',
      created: '2025-01-01T00:00:00.000Z',
      duration_ms: 10,
    },
  });
}

describe('GET /ui/thumbs/{name}', () => {
  it('serves a small WebP thumbnail with long-lived immutable caching and an ETag', async () => {
    harness = await createHarness();
    const sidecar = await storePhoto();
    const response = await send(harness, createJar(), `/ui/thumbs/${sidecar.name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(body.length).toBeGreaterThan(100);
    expect(body.length).toBeLessThan(sidecar.bytes / 5);
    expect(Buffer.from(body.subarray(8, 12)).toString('latin1')).toBe('WEBP');
    const again = await send(harness, createJar(), `/ui/thumbs/${sidecar.name}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('makes the thumbnail of an older image on first request', async () => {
    harness = await createHarness();
    const sidecar = await storePhoto();
    await harness.store.idle();
    const thumbs = join(harness.root, '.thumbs');
    const made = await readdir(thumbs);
    expect(made).toHaveLength(1);
    await rm(join(thumbs, made[0] ?? ''));
    harness.store.evict(sidecar.name);
    const response = await send(harness, createJar(), `/ui/thumbs/${sidecar.name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(await readdir(thumbs)).toEqual(made);
  });

  it.each([
    ['an unknown image', `/ui/thumbs/${'f'.repeat(32)}.png`, 404],
    ['a sidecar', `/ui/thumbs/${'f'.repeat(32)}.json`, 404],
    ['a traversal attempt', '/ui/thumbs/..%2Fprefs.json', 404],
    ['an uppercase name', `/ui/thumbs/${'F'.repeat(32)}.png`, 404],
  ])('answers 404 for %s', async (_label, path, status) => {
    harness = await createHarness();
    await storePhoto();
    const response = await send(harness, createJar(), path);
    expect(response.status).toBe(status);
  });
});

describe('GET /ui/style.css', () => {
  it('serves the stylesheet with caching, and the pages link to it with its hash', async () => {
    harness = await createHarness({ env: { IMG_AUTH_DISABLED: '1' } });
    const page = await (await send(harness, createJar(), '/ui')).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(href).toMatch(/^\/ui\/style\.css\?v=[A-Za-z0-9_-]{16}$/);
    const css = await send(harness, createJar(), href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('prefers-color-scheme: dark');
  });
});
