// GET/HEAD /i/{name}: serves a stored image by its unguessable name, which is the access control
// (Claude.ai must fetch it without login). Only names matching the one image-name pattern reach the
// store; everything else under /i/ is a JSON 404, so sidecars and prefs can never be served. Cached
// images in their plain form are answered before Hono by image-fast-path.ts with the same headers; this
// route serves the rest (first reads, percent-encoded names) and every 404.
import { Hono } from 'hono';
import { IMAGE_NAME_ROUTE } from '../images/names.js';
import { bodyOf, etagMatches, imageHeaders, type ServableImage } from './image-headers.js';
import type { AppEnv } from './types.js';

export interface ImageReader {
  readImage(name: string): Promise<ServableImage | undefined>;
}

export function createImageRoutes(store: ImageReader): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
  });
  routes.on(['GET', 'HEAD'], `/:name{${IMAGE_NAME_ROUTE}}`, async (c) => {
    const image = await store.readImage(c.req.param('name'));
    if (image === undefined) return notFound(c.json.bind(c));
    const headers = imageHeaders(image);
    if (etagMatches(c.req.header('if-none-match'), image.etag)) return c.body(null, 304, headers.record);
    if (c.req.method === 'HEAD')
      return c.body(null, 200, { ...headers.record, 'Content-Length': String(image.bytes.length) });
    return c.body(bodyOf(image), 200, headers.record);
  });
  routes.all('*', (c) => notFound(c.json.bind(c)));
  return routes;
}

/** The one 404 for every public image route (/i/, /v/, /d/): it says nothing about what exists. */
export function notFound(json: (body: object, status: 404) => Response): Response {
  return json({ error: 'not_found', message: 'No image with that name.' }, 404);
}
