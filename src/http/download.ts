// GET/HEAD /d/{name}: the image as a download (an attachment with a readable file name built from its
// prompt). A cached image is usually answered before this route, by image-fast-path.ts, alike. The same name rule, file reader and 404 as /i/, so it can never reach a sidecar or prefs; the
// true type decides the extension (the original's `.png` files holding JPEG download as `.jpg`).
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
    const headers = downloadHeaders(image, downloadFileName(name, image.mime, records.get(name)?.prompt));
    if (c.req.method === 'HEAD')
      return c.body(null, 200, { ...headers.record, 'Content-Length': String(image.bytes.length) });
    return c.body(bodyOf(image), 200, headers.record);
  });
  routes.all('*', (c) => notFound(c.json.bind(c)));
  return routes;
}

const MAX_SLUG = 48;

/**
 * `image-studio-{first words of the prompt}-{8 hex}.{jpg|png}`: readable in a downloads folder, unique
 * enough, and plain ASCII so the header needs no encoding (accents are dropped, other symbols too).
 */
export function downloadFileName(name: string, mime: string, prompt: string | undefined): string {
  const extension = mime === 'image/png' ? 'png' : 'jpg';
  const slug = (prompt ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = trimSlug(slug);
  const parts = ['image-studio', cut, name.slice(0, 8)].filter((part) => part !== '');
  return `${parts.join('-')}.${extension}`;
}

/** At most MAX_SLUG characters, cut at a word boundary when one is near. */
function trimSlug(slug: string): string {
  if (slug.length <= MAX_SLUG) return slug;
  const boundary = slug.lastIndexOf('-', MAX_SLUG);
  return slug.slice(0, boundary > MAX_SLUG / 3 ? boundary : MAX_SLUG);
}
