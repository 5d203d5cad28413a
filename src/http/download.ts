// GET/HEAD /d/{name}: the image as a download (an attachment with a readable file name built from its
// prompt, see `downloadFileName`). A cached image is usually answered before this route, by
// image-fast-path.ts, alike. The same name rule, file reader and 404 as /i/, so it can never reach a
// sidecar or prefs; the true type decides the extension (the original's `.png` files holding JPEG
// download as `.jpg`).
import { Hono } from 'hono';
import { IMAGE_NAME_ROUTE } from '../images/names.js';
import { bodyOf, downloadHeaders } from './image-headers.js';
import { type ImageReader, notFound } from './images.js';
import type { AppEnv } from './types.js';

export interface PromptLookup {
  get(name: string): { prompt: string } | undefined;
}

export function createDownloadRoutes(store: ImageReader, records: PromptLookup): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.on(['GET', 'HEAD'], `/:name{${IMAGE_NAME_ROUTE}}`, async (c) => {
    const name = c.req.param('name');
    const image = await store.readImage(name);
    if (image === undefined) return notFound(c.json.bind(c));
    // The /i/ headers (type, caching, ETag, CORS), plus the attachment name.
    const headers = downloadHeaders(image, name, records.get(name)?.prompt);
    if (c.req.method === 'HEAD')
      return c.body(null, 200, { ...headers.record, 'Content-Length': String(image.bytes.length) });
    return c.body(bodyOf(image), 200, headers.record);
  });
  routes.all('*', (c) => notFound(c.json.bind(c)));
  return routes;
}
