// Static-ish dashboard resources that need no session: the stylesheet and the thumbnails.
// Thumbnails are served to anyone who knows the image name, like the full image at /i/{name}: the
// 122-bit random name is the access control (like /i/), and a thumbnail reveals less than the image it
// comes from. That lets them be cached as public and immutable. Names outside the strict pattern never
// reach the store.
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types.js';
import { IMAGE_NAME_ROUTE } from '../../images/names.js';
import type { UiRuntime } from '../deps.js';
import { DASHBOARD_CSS } from '../styles.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mountAssets(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get('/style.css', (c) => {
    if (matchesEtag(c, rt.styleEtag)) return notModified(c, rt.styleEtag);
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', rt.styleEtag);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(DASHBOARD_CSS);
  });

  app.get(`/thumbs/:name{${IMAGE_NAME_ROUTE}}`, async (c) => {
    const thumb = await rt.deps.store.thumbnail(c.req.param('name'));
    if (thumb === undefined) return c.json({ error: 'not_found', message: 'No such image.' }, 404);
    const etag = quoteEtag(thumb.etag);
    if (matchesEtag(c, etag)) return notModified(c, etag);
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', etag);
    c.header('Content-Type', thumb.mime);
    return c.body(new Uint8Array(thumb.data));
  });
  // Anything else under /thumbs is not an image name: a plain 404, never a sign-in redirect.
  app.get('/thumbs/*', (c) => c.json({ error: 'not_found', message: 'No such image.' }, 404));
}

function quoteEtag(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/"') ? etag : `"${etag}"`;
}

function matchesEtag(c: Context<AppEnv>, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === bare;
  });
}

function notModified(c: Context<AppEnv>, etag: string): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', IMMUTABLE);
  return c.body(null, 304);
}
