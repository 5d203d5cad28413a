// POST /consent: the person's answer on the consent page. The CSRF token must match this browser's
// binding cookie and the sealed request. Deny goes back to the client with `access_denied`; approve
// starts the Google login with our own state, nonce and PKCE, keeps them in the sealed login cookie that
// /auth/callback requires (binding the login to this browser), and sends the browser to Google.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../http/types.js';
import type { AuthorizationRequest } from '../browser-state.js';
import type { AuthContext } from '../context.js';
import { clientRedirect } from '../oauth-error.js';
import { renderMessage } from '../views/render.js';

export function createConsentRoute(ctx: AuthContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/consent', bodyLimit({ maxSize: 32 * 1024 }), async (c) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== new URL(ctx.issuer).origin)
      return refuse(c, 403, 'This form may only be sent from this server’s own consent page.');
    const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const sealed = typeof form.request === 'string' ? form.request : '';
    const csrf = typeof form.csrf === 'string' ? form.csrf : '';
    const binding = ctx.cookies.get(c, 'binding');
    if (binding === undefined || sealed === '' || !ctx.browser.checkCsrf(binding, sealed, csrf))
      return refuse(
        c,
        403,
        'The consent form is not valid for this browser. Go back to your app and connect again.',
      );
    let request: AuthorizationRequest;
    try {
      request = await ctx.browser.openRequest(sealed);
    } catch {
      return refuse(c, 400, 'This consent page has expired. Go back to your app and connect again.');
    }
    if (form.decision !== 'approve') return denied(c, ctx, request);
    return startGoogleLogin(c, ctx, request);
  });
  return app;
}

function denied(c: Context<AppEnv>, ctx: AuthContext, request: AuthorizationRequest) {
  ctx.logger.info({ clientId: request.clientId }, 'consent denied');
  const location = clientRedirect(request.redirectUri, ctx.issuer, {
    error: 'access_denied',
    error_description: 'The user declined to connect this application.',
    state: request.state,
  });
  return c.redirect(location, 302);
}

/** Google being unreachable is shown by the page error handler (auth/index.ts) as a page. */
async function startGoogleLogin(c: Context<AppEnv>, ctx: AuthContext, request: AuthorizationRequest) {
  const login = await ctx.google.startLogin(ctx.callbackUri);
  const cookie = await ctx.browser.sealLogin({
    ...request,
    googleState: login.state,
    nonce: login.nonce,
    codeVerifier: login.codeVerifier,
  });
  ctx.cookies.set(c, 'login', cookie);
  c.header('Cache-Control', 'no-store');
  return c.redirect(login.url, 302);
}

function refuse(c: Context<AppEnv>, status: 400 | 403, message: string) {
  return renderMessage(c, status, 'This sign-in cannot continue', message);
}
