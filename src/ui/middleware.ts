// Single-purpose middleware for the dashboard: strict security headers on every /ui response, the session
// check that sets `c.var.viewer`, and the form guard that refuses a POST without this session's CSRF
// token or from another origin (403 with a page that says so).
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { isAllowedOrigin } from '../http/host-guard.js';
import type { AppEnv, Viewer } from '../http/types.js';
import type { UiRuntime } from './deps.js';
import { UI_BASE } from './paths.js';
import { sendMessage } from './respond.js';
import { formRefused, invitationOnly, sessionEnded } from './views/messages.js';
import { DEV_VIEWER_EMAIL } from './visibility.js';

/** No scripts at all, styles and images from this origin only, forms post only here, never framed. */
export function dashboardHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      imgSrc: ["'self'"],
      styleSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
  });
}

/**
 * The headers `dashboardHeaders()` puts on every dashboard answer, as a plain record, for answers made
 * outside Hono (the thumbnail fast path). Taken from the middleware itself, so the two cannot drift.
 */
export async function dashboardHeaderValues(): Promise<Record<string, string>> {
  const probe = new Hono<AppEnv>().use(dashboardHeaders()).get('/', (c) => c.body(null, 204));
  const response = await probe.request('/');
  return Object.fromEntries(response.headers);
}

/** Sets `c.var.viewer`, or sends the browser to sign in (GET) / refuses (anything else). */
export function requireViewer(rt: UiRuntime): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const viewer = rt.deps.config.authDisabled ? await devViewer(c, rt) : await sessionViewer(c, rt);
    if (viewer === 'signed-out') {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`${UI_BASE}/login`, 302);
      return sendMessage(c, rt, sessionEnded(), 403);
    }
    if (typeof viewer === 'object' && 'refused' in viewer) {
      rt.cookies.clear(c, 'session');
      return sendMessage(c, rt, invitationOnly(viewer.refused), 403);
    }
    c.set('viewer', viewer);
    await next();
  };
}

type ViewerOutcome = Viewer | 'signed-out' | { refused: string };

async function sessionViewer(c: Context<AppEnv>, rt: UiRuntime): Promise<ViewerOutcome> {
  const session = await rt.sessions.read(rt.cookies.get(c, 'session'));
  if (session === undefined || rt.revoked.isRevoked('signIn', session.sessionId)) return 'signed-out';
  // The allow-list is checked on every request, not only at sign-in, so removing someone takes effect.
  if (!rt.deps.access.isAllowed(session.email)) return { refused: session.email };
  return {
    email: session.email,
    isAdmin: rt.deps.access.isAdmin(session.email),
    sessionId: session.sessionId,
  };
}

/** Auth disabled: everyone is the admin dev@local, but still gets a session so forms carry CSRF tokens. */
async function devViewer(c: Context<AppEnv>, rt: UiRuntime): Promise<Viewer> {
  let session = await rt.sessions.read(rt.cookies.get(c, 'session'));
  if (session === undefined || session.email !== DEV_VIEWER_EMAIL) {
    const issued = await rt.sessions.issue(DEV_VIEWER_EMAIL);
    rt.cookies.set(c, 'session', issued.token);
    session = issued.session;
  }
  return { email: DEV_VIEWER_EMAIL, isAdmin: true, sessionId: session.sessionId };
}

/** For POST forms after requireViewer: the token must belong to this session and the origin be ours. */
export function requireFormToken(rt: UiRuntime): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!(await isGenuineForm(c, rt, c.var.viewer))) {
      rt.deps.logger.warn({ event: 'ui_form_refused', email: c.var.viewer.email }, 'form refused');
      return sendMessage(c, rt, formRefused(), 403);
    }
    await next();
  };
}

/** True when a posted form comes from our own pages and carries the CSRF token of `session`. */
export async function isGenuineForm(
  c: Context<AppEnv>,
  rt: UiRuntime,
  session: { email: string; sessionId: string },
): Promise<boolean> {
  if (!isSameOrigin(c.req.header('origin'), c.req.header('sec-fetch-site'), rt.deps.config.publicUrl))
    return false;
  const form = await c.req.parseBody();
  return rt.sessions.checkCsrf(session, typeof form.csrf === 'string' ? form.csrf : undefined);
}

/**
 * Browsers send Origin on POST and Sec-Fetch-Site on every request; either one naming another site is
 * enough to refuse. Absent headers (old browsers, tests) leave the decision to the CSRF token. The origin
 * must be the public one (the request's own Host is not trusted: it is what a rebinding attack controls).
 */
export function isSameOrigin(
  origin: string | undefined,
  fetchSite: string | undefined,
  publicUrl: string,
): boolean {
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false;
  if (origin === undefined) return true;
  return isAllowedOrigin(origin, publicUrl);
}
