// GET /auth/callback: Google sends the browser back here. The sealed login cookie must be present and
// its state must match (so a Google link mailed to someone else leads nowhere), the ID token must verify
// and the e-mail must be verified. Then Google's tokens are forgotten, our own single-use code is minted,
// and the browser goes back to the client with `code`, its `state` and `iss`.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { isAppError } from '../../errors.js';
import type { AppEnv } from '../../http/types.js';
import type { PendingLogin } from '../browser-state.js';
import type { AuthContext } from '../context.js';
import type { GoogleIdentity } from '../google.js';
import { safeEqual } from '../hmac.js';
import { clientRedirect } from '../oauth-error.js';
import { renderMessage } from '../views/render.js';

export function createCallbackRoute(ctx: AuthContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/auth/callback', async (c) => {
    const cookie = ctx.cookies.get(c, 'login');
    ctx.cookies.clear(c, 'login');
    c.header('Cache-Control', 'no-store');
    if (cookie === undefined)
      return refuse(c, 'No sign-in was started from this browser (or it took longer than 10 minutes).');
    let login: PendingLogin;
    try {
      login = await ctx.browser.openLogin(cookie);
    } catch {
      return refuse(c, 'This sign-in has expired. Go back to your app and connect again.');
    }
    const state = c.req.query('state');
    if (state === undefined || !safeEqual(state, login.googleState))
      return refuse(c, 'This answer from Google does not belong to the sign-in started in this browser.');
    const url = new URL(c.req.url);
    const answer = await identify(ctx, url, login);
    if ('error' in answer) return backToClient(c, ctx, login, answer);
    const code = await ctx.tokens.issueCode({
      clientId: login.clientId,
      redirectUri: login.redirectUri,
      redirectUriGiven: login.redirectUriGiven,
      codeChallenge: login.codeChallenge,
      resource: login.resource,
      scope: login.scope,
      ...answer.identity,
    });
    ctx.logger.info({ clientId: login.clientId, sub: answer.identity.sub }, 'authorization code issued');
    return c.redirect(clientRedirect(login.redirectUri, ctx.issuer, { code, state: login.state }), 302);
  });
  return app;
}

type Answer = { identity: GoogleIdentity } | { error: string; error_description: string };

async function identify(ctx: AuthContext, url: URL, login: PendingLogin): Promise<Answer> {
  let identity: GoogleIdentity;
  try {
    identity = await ctx.google.finishLogin(url, {
      redirectUri: ctx.callbackUri,
      state: login.googleState,
      nonce: login.nonce,
      codeVerifier: login.codeVerifier,
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'access_denied')
      return { error: 'access_denied', error_description: error.message };
    ctx.logger.error({ err: error }, 'Google sign-in could not be completed');
    return {
      error: 'temporarily_unavailable',
      error_description: 'Google’s sign-in service could not be reached; try again in a minute.',
    };
  }
  if (!identity.emailVerified)
    return {
      error: 'access_denied',
      error_description: `Google has not verified the e-mail address ${identity.email}; this server needs a verified one.`,
    };
  return { identity };
}

function backToClient(
  c: Context<AppEnv>,
  ctx: AuthContext,
  login: PendingLogin,
  problem: { error: string; error_description: string },
) {
  ctx.logger.info(
    { clientId: login.clientId, error: problem.error, reason: problem.error_description },
    'sign-in refused',
  );
  return c.redirect(clientRedirect(login.redirectUri, ctx.issuer, { ...problem, state: login.state }), 302);
}

function refuse(c: Context<AppEnv>, message: string) {
  return renderMessage(c, 403, 'This sign-in cannot continue', message);
}
