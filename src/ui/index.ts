// The /ui dashboard (gallery, usage table, settings) as a Hono sub-app: the lead mounts it with `app.route('/ui', createUi(deps))`.
// Order matters: security headers on everything, then the session-free routes (stylesheet, thumbnails,
// sign-in, sign-out), then the session check that sets `c.var.viewer`, then the signed-in pages.
// Errors inside the dashboard become HTML pages here rather than the app's JSON errors.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../errors.js';
import type { AppEnv } from '../http/types.js';
import { createUiRuntime, type UiDeps, type UiRuntime } from './deps.js';
import { dashboardHeaders, requireViewer } from './middleware.js';
import { TRAILING_SLASH_ROUTE, UI_BASE } from './paths.js';
import { sendMessage } from './respond.js';
import { mountAdmin } from './routes/admin.js';
import { mountAssets } from './routes/assets.js';
import { mountDelete } from './routes/delete.js';
import { mountLogin } from './routes/login.js';
import { mountPages } from './routes/pages.js';
import { problem } from './views/messages.js';

export type { UiDeps } from './deps.js';
export { dashboardHeaderValues } from './middleware.js';
export type * from './ports.js';
export { createSharePages, type SharePageDeps } from './routes/share.js';
export { UI_BASE };

export function createUi(deps: UiDeps): Hono<AppEnv> {
  const rt = createUiRuntime(deps);
  const app = new Hono<AppEnv>();
  app.use('*', dashboardHeaders());
  app.get(TRAILING_SLASH_ROUTE, (c) => c.redirect(UI_BASE, 301));
  mountAssets(app, rt);
  mountLogin(app, rt);
  app.use('*', requireViewer(rt));
  mountPages(app, rt);
  mountDelete(app, rt);
  mountAdmin(app, rt);
  app.onError((error, c) => sendError(c, rt, error));
  return app;
}

function sendError(c: Context<AppEnv>, rt: UiRuntime, error: Error): Promise<Response> {
  if (isAppError(error) && error.code !== 'internal') {
    // These messages are written for the person reading them (e.g. "Google could not be reached"), so
    // they are shown as they are; `internal` ones may describe server details and get the generic page.
    if (error.status >= 500)
      rt.deps.logger.warn({ event: 'ui_error', code: error.code, path: c.req.path }, error.message);
    const title =
      error.code === 'access_denied' ? 'Not allowed' : error.status < 500 ? 'Request refused' : 'Unavailable';
    return sendMessage(c, rt, problem(title, error.message), toErrorStatus(error.status));
  }
  rt.deps.logger.error({ event: 'ui_error', err: error, path: c.req.path }, 'dashboard error');
  const detail =
    'Something went wrong on the server. Try again in a moment; if it keeps happening, tell the operator.';
  return sendMessage(c, rt, problem('Server error', detail), 500);
}

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 429, 500, 502, 503, 504] as const;

function toErrorStatus(status: number): ContentfulStatusCode {
  return ERROR_STATUSES.find((s) => s === status) ?? 500;
}
