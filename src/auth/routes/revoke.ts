// POST /revoke (RFC 7009): the client gives back an access or refresh token. A revoked access token is
// refused by /mcp until it would have expired; a revoked refresh token takes its whole sign-in with it:
// every refresh token of the family and every access token issued for it.
// Unknown or foreign tokens get the same empty 200, as the RFC asks. The deny-list survives a restart
// (state-store.ts).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../http/types.js';
import type { AuthContext } from '../context.js';
import { OAuthFailure } from '../oauth-error.js';
import { REFRESH_TOKEN_TTL_SEC } from '../tokens.js';
import { readTokenForm } from './token-form.js';

export function createRevokeRoute(ctx: AuthContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/revoke', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'] }));
  app.post('/revoke', bodyLimit({ maxSize: 64 * 1024 }), async (c) => {
    const form = await readTokenForm(c);
    const clientId = ctx.clients.authenticate({
      clientId: form.client_id,
      clientSecret: form.client_secret,
    });
    if (form.token === undefined)
      throw new OAuthFailure('invalid_request', 'The token parameter is required.');
    const revokedWhat = await revoke(ctx, clientId, form.token);
    ctx.logger.info({ clientId, revoked: revokedWhat }, 'token revocation');
    c.header('Cache-Control', 'no-store');
    return c.body(null, 200);
  });
  return app;
}

async function revoke(ctx: AuthContext, clientId: string, token: string): Promise<string> {
  const accessToken = await ctx.tokens.verifyAccessToken(token).catch(() => undefined);
  if (accessToken !== undefined && accessToken.grant.clientId === clientId) {
    ctx.ledger.revoke('accessToken', accessToken.jti, accessToken.exp);
    return 'access token';
  }
  const refreshToken = await ctx.tokens.verifyRefreshToken(token).catch(() => undefined);
  if (refreshToken !== undefined && refreshToken.grant.clientId === clientId) {
    const until = Math.floor(ctx.clock() / 1000) + REFRESH_TOKEN_TTL_SEC;
    ctx.ledger.revoke('signIn', refreshToken.grant.family, until);
    return 'refresh family';
  }
  return 'nothing';
}
