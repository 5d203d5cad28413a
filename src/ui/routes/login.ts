// Dashboard sign-in with Google (authorization code + state + nonce + PKCE, redirect URI exactly
// `{IMG_PUBLIC_URL}/ui/auth/callback`), sign-out, and the signed-out page. Only verified, allow-listed
// e-mails get a session; everyone else gets the "invitation only" page. Talking to Google is auth/'s job
// (GoogleOidc); this file only moves the browser and the cookies.

import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { normaliseEmail } from '../../email.js';
import { isAppError } from '../../errors.js';
import type { AppEnv } from '../../http/types.js';
import type { UiRuntime } from '../deps.js';
import { isGenuineForm } from '../middleware.js';
import { callbackUrl, UI_BASE } from '../paths.js';
import type { OidcLogin } from '../ports.js';
import { sendMessage } from '../respond.js';
import * as messages from '../views/messages.js';

export function mountLogin(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get('/login', async (c) => {
    const google = rt.deps.google;
    if (rt.deps.config.authDisabled) return c.redirect(UI_BASE, 302);
    if (google === undefined) return sendMessage(c, rt, messages.loginUnavailable(), 503);
    const start = await google.startLogin(callbackUrl(rt.deps.config.publicUrl));
    const { state, nonce, codeVerifier } = start;
    rt.cookies.set(c, 'login', await rt.logins.seal({ state, nonce, codeVerifier }));
    c.header('Cache-Control', 'no-store');
    return c.redirect(String(start.url), 302);
  });

  app.get('/auth/callback', async (c) => {
    const google = rt.deps.google;
    if (rt.deps.config.authDisabled) return c.redirect(UI_BASE, 302);
    if (google === undefined) return sendMessage(c, rt, messages.loginUnavailable(), 503);
    return finishLogin(c, rt, google);
  });

  app.post('/logout', bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
    if (rt.deps.config.authDisabled) return c.redirect(UI_BASE, 303);
    const session = await rt.sessions.read(rt.cookies.get(c, 'session'));
    if (session !== undefined) {
      if (!(await isGenuineForm(c, rt, session))) return sendMessage(c, rt, messages.formRefused(), 403);
      rt.revoked.revoke('signIn', session.sessionId, session.expiresAt);
      rt.deps.logger.info({ event: 'ui_logout', email: session.email }, 'dashboard sign-out');
    }
    rt.cookies.clear(c, 'session');
    return c.redirect(`${UI_BASE}/signed-out`, 303);
  });

  // A page of its own, not a redirect to /ui/login: signing out must not bounce back into Google.
  app.get('/signed-out', (c) => sendMessage(c, rt, messages.signedOut(), 200));
}

async function finishLogin(c: Context<AppEnv>, rt: UiRuntime, google: OidcLogin): Promise<Response> {
  const cookie = rt.cookies.get(c, 'login');
  rt.cookies.clear(c, 'login');
  const pending =
    cookie === undefined
      ? undefined
      : await rt.logins.open(cookie).then(
          (o) => o.value,
          () => undefined,
        );
  if (pending === undefined) return sendMessage(c, rt, messages.loginExpired(), 400);
  const redirectUri = callbackUrl(rt.deps.config.publicUrl);
  // Rebuilt on the public URL so the check holds behind a TLS proxy that rewrites the request URL.
  const returned = new URL(`${redirectUri}${new URL(c.req.url).search}`);
  let identity: Awaited<ReturnType<OidcLogin['finishLogin']>>;
  try {
    identity = await google.finishLogin(returned, { redirectUri, ...pending });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'access_denied') throw error;
    rt.deps.logger.info({ event: 'ui_login_failed', reason: error.message }, 'dashboard sign-in failed');
    return sendMessage(c, rt, messages.loginFailed(error.message), 403);
  }
  const email = normaliseEmail(identity.email);
  if (!identity.emailVerified) return sendMessage(c, rt, messages.unverifiedEmail(), 403);
  if (!rt.deps.access.isAllowed(email)) {
    rt.deps.logger.info({ event: 'ui_login_refused', email }, 'dashboard sign-in refused: not invited');
    return sendMessage(c, rt, messages.invitationOnly(email), 403);
  }
  const { token } = await rt.sessions.issue(email);
  rt.cookies.set(c, 'session', token);
  rt.deps.logger.info({ event: 'ui_login', email }, 'dashboard sign-in');
  c.header('Cache-Control', 'no-store');
  return c.redirect(UI_BASE, 303);
}
