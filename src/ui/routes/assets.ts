// Static-ish dashboard resources that need no session: the stylesheet and the thumbnails.
// Thumbnails are served to anyone who knows the image name, like the full image at /i/{name}: the
// 122-bit random name is the access control (like /i/), and a thumbnail reveals less than the image it
// comes from. That lets them be cached as public and immutable. Names outside the strict pattern never
// reach the store.
import type { Hono } from 'hono';
import { etagMatches, IMMUTABLE } from '../../http/image-headers.js';
import type { AppEnv } from '../../http/types.js';
import { IMAGE_NAME_ROUTE } from '../../images/names.js';
import type { UiRuntime } from '../deps.js';
import { DASHBOARD_CSS } from '../styles.js';

export function mountAssets(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get('/style.css', (c) => {
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', rt.styleEtag);
    if (etagMatches(c.req.header('if-none-match'), rt.styleEtag)) return c.body(null, 304);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(DASHBOARD_CSS);
  });

  // A cached thumbnail is usually answered before this route, by image-fast-path.ts, with the same
  // headers (its 304 keeps the type, as /i/'s does).
  app.get(`/thumbs/:name{${IMAGE_NAME_ROUTE}}`, async (c) => {
    const thumb = await rt.deps.store.thumbnail(c.req.param('name'));
    if (thumb === undefined) return c.json({ error: 'not_found', message: 'No such image.' }, 404);
    c.header('Content-Type', thumb.mime);
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', thumb.etag);
    if (etagMatches(c.req.header('if-none-match'), thumb.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(thumb.bytes));
  });
  // Anything else under /thumbs is not an image name: a plain 404, never a sign-in redirect.
  app.get('/thumbs/*', (c) => c.json({ error: 'not_found', message: 'No such image.' }, 404));
}
