// Deleting an image from the dashboard: GET shows a confirmation page, POST (same session's CSRF token,
// same origin) deletes. Only the owner or an admin may; anyone else gets the same "no such image" page as
// for a name that does not exist. The spend is recorded in the ledger before anything is removed, so a
// deletion can never lower what a person has spent.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../http/types.js';
import { IMAGE_NAME_ROUTE, type ImageRecord } from '../../images/index.js';
import type { UiRuntime } from '../deps.js';
import { requireFormToken } from '../middleware.js';
import { deleteHref, galleryHref, thumbHref } from '../paths.js';
import { sendMessage, sendPage } from '../respond.js';
import { DeletePage } from '../views/delete-page.js';
import { imageNotFound } from '../views/messages.js';
import { canSeeUser } from '../visibility.js';
import { headerFor } from './header.js';

const ROUTE = `/images/:name{${IMAGE_NAME_ROUTE}}/delete`;

export function mountDelete(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get(ROUTE, (c) => {
    const record = manageable(c, rt);
    if (record === undefined) return sendMessage(c, rt, imageNotFound(), 404);
    const viewer = c.var.viewer;
    const isOwn = record.email === viewer.email;
    return sendPage(
      c,
      <DeletePage
        styleHref={rt.styleHref}
        header={headerFor(rt, viewer)}
        name={record.name}
        owner={record.email}
        isOwn={isOwn}
        thumbSrc={thumbHref(record.name)}
        prompt={record.prompt}
        created={record.created}
        cost={record.cost}
        width={record.width}
        height={record.height}
        action={deleteHref(record.name)}
        cancelHref={galleryHref({ owner: isOwn ? undefined : record.email })}
      />,
    );
  });

  app.post(ROUTE, bodyLimit({ maxSize: 16 * 1024 }), requireFormToken(rt), async (c) => {
    const record = manageable(c, rt);
    if (record === undefined) return sendMessage(c, rt, imageNotFound(), 404);
    await rt.deps.spend.append(record);
    await rt.deps.store.deleteImage(record.name);
    rt.deps.index.remove(record.name);
    const viewer = c.var.viewer;
    rt.deps.logger.info(
      { event: 'ui_image_deleted', email: viewer.email, owner: record.email, name: record.name },
      'image deleted',
    );
    const owner = record.email === viewer.email ? undefined : record.email;
    const back = new URL(galleryHref({ owner }), 'http://x');
    back.searchParams.set('deleted', '1');
    return c.redirect(`${back.pathname}${back.search}`, 303);
  });
}

/** The record when the viewer may delete it (owner or admin); undefined otherwise, existing or not. */
function manageable(c: Context<AppEnv>, rt: UiRuntime): ImageRecord | undefined {
  const record = rt.deps.index.get(c.req.param('name') ?? '');
  return record !== undefined && canSeeUser(c.var.viewer, record.email) ? record : undefined;
}
