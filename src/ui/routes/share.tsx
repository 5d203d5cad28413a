// GET /v/{name}: the public share page of an image, mounted by app.ts beside /i/ and /d/. Like the image
// itself it needs no sign-in (the unguessable name is the access control), follows the same name rule and
// answers anything unknown with the same JSON 404, so it never tells which names exist.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { notFound } from '../../http/images.js';
import type { AppEnv } from '../../http/types.js';
import { IMAGE_NAME_ROUTE, type ImageRecord } from '../../images/index.js';
import { type ModelRegistry, modelLabel } from '../../models/index.js';
import { downloadHref, imageHref, shareHref } from '../paths.js';
import { sendPage } from '../respond.js';
import { stylesheetHref } from '../styles.js';
import { SharePage } from '../views/share-page.js';

export interface SharePageDeps {
  publicUrl: string;
  registry: ModelRegistry;
  records: { get(name: string): ImageRecord | undefined };
}

export function createSharePages(deps: SharePageDeps): Hono<AppEnv> {
  const styleHref = stylesheetHref();
  const routes = new Hono<AppEnv>();
  routes.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        imgSrc: ["'self'"],
        styleSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
    }),
  );
  routes.get(`/:name{${IMAGE_NAME_ROUTE}}`, async (c) => {
    const record = deps.records.get(c.req.param('name'));
    if (record === undefined) return notFound(c.json.bind(c));
    c.header('X-Robots-Tag', 'noindex, nofollow');
    const page = await sendPage(
      c,
      <SharePage
        styleHref={styleHref}
        plain={c.req.query('plain') === '1'}
        pageUrl={`${deps.publicUrl}${shareHref(record.name)}`}
        imageUrl={`${deps.publicUrl}${imageHref(record.name)}`}
        imageSrc={imageHref(record.name)}
        downloadHref={downloadHref(record.name)}
        mime={record.mime}
        prompt={record.prompt}
        model={modelLabel(record)}
        size={record.image_size ?? 'tier not recorded'}
        aspectRatio={record.aspect_ratio}
        cost={record.cost}
        created={record.created}
        width={record.width}
        height={record.height}
      />,
    );
    return page;
  });
  routes.all('*', (c) => notFound(c.json.bind(c)));
  return routes;
}
