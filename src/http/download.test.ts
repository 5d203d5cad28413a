import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturingLogger, makePhotoJpeg } from '../../test/helpers/image-fixtures.js';
import { createImageStore } from '../images/index.js';
import { createDownloadRoutes } from './download.js';
import { downloadFileName } from './image-headers.js';
import type { AppEnv } from './types.js';

const STEM = '0123456789abcdef0123456789abcdef';
let root: string;
let app: Hono<AppEnv>;
let jpeg: Buffer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'download-'));
  jpeg = await makePhotoJpeg(64, 64);
  await writeFile(join(root, `${STEM}.png`), jpeg);
  await writeFile(join(root, `${STEM}.json`), '{"secret": "never served"}');
  await writeFile(join(root, 'prefs.json'), '{"a@b.c": {"model": "pro"}}');
  const store = createImageStore({ root, logger: createCapturingLogger().logger });
  const prompts = new Map([[`${STEM}.png`, { prompt: 'Café au lait, on a zinc bar!' }]]);
  app = new Hono<AppEnv>().route('/d', createDownloadRoutes(store, prompts));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('/d/{name}', () => {
  it('sends the bytes as an attachment with a readable name and the true type', async () => {
    const response = await app.request(`/d/${STEM}.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="image-studio-cafe-au-lait-on-a-zinc-bar-01234567.jpg"',
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(jpeg);
  });

  it('names a download from its prompt once the record is known, even after an earlier download without it', async () => {
    const name = `${'9'.repeat(32)}.jpg`;
    await writeFile(join(root, name), jpeg);
    const prompts = new Map<string, { prompt: string }>();
    const store = createImageStore({ root, logger: createCapturingLogger().logger });
    const routes = new Hono<AppEnv>().route('/d', createDownloadRoutes(store, prompts));
    const early = await routes.request(`/d/${name}`);
    expect(early.headers.get('content-disposition')).toBe('attachment; filename="image-studio-99999999.jpg"');
    prompts.set(name, { prompt: 'A red kite' });
    const later = await routes.request(`/d/${name}`);
    expect(later.headers.get('content-disposition')).toBe(
      'attachment; filename="image-studio-a-red-kite-99999999.jpg"',
    );
  });

  it.each([
    [`/d/${STEM}.json`],
    ['/d/prefs.json'],
    ['/d/..%2Fprefs.json'],
    [`/d/${STEM.toUpperCase()}.png`],
    [`/d/${'f'.repeat(32)}.jpg`],
    ['/d/'],
  ])('answers %s with the same 404 as /i/', async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'No image with that name.' });
  });
});

describe('downloadFileName', () => {
  it.each([
    ['a red fox', 'image/png', 'image-studio-a-red-fox-abcdef01.png'],
    [undefined, 'image/jpeg', 'image-studio-abcdef01.jpg'],
    ['☕☕☕', 'image/jpeg', 'image-studio-abcdef01.jpg'],
    [
      'an extremely long prompt that goes on and on about a lighthouse in a storm at night',
      'image/jpeg',
      'image-studio-an-extremely-long-prompt-that-goes-on-and-on-abcdef01.jpg',
    ],
  ])('names %s as %s', (prompt, mime, expected) => {
    expect(downloadFileName(`abcdef01${'0'.repeat(24)}.png`, mime, prompt)).toBe(expected);
  });
});
