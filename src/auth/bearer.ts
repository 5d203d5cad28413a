// The guard in front of POST /mcp. It reads `Authorization: Bearer …`, verifies our own access token
// (HS256 pinned, typ at+jwt, our issuer, audience `{IMG_PUBLIC_URL}/mcp`, expiry) and the revocation
// list (the token itself, and the sign-in it belongs to), then sets `caller`. It never calls Google. Without a valid token: 401 with the challenge that
// points clients to the protected-resource metadata.
import type { Context, MiddlewareHandler } from 'hono';
import { isAppError } from '../errors.js';
import type { AppEnv } from '../http/types.js';
import type { Logger } from '../log.js';
import type { Caller } from './caller.js';
import type { Ledger } from './ledger.js';
import { bearerChallenge } from './metadata.js';
import type { TokenService } from './tokens.js';

export const DEV_CALLER: Caller = Object.freeze({
  email: 'dev@local',
  emailVerified: true,
  via: 'auth-disabled',
});

export function createAuthDisabledGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('caller', { ...DEV_CALLER });
    await next();
  };
}

export interface BearerGuardDeps {
  issuer: string;
  tokens: TokenService;
  ledger: Ledger;
  logger: Logger;
}

export function createBearerGuard(deps: BearerGuardDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header === undefined ? null : /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(header);
    if (match?.[1] === undefined)
      return unauthorized(
        c,
        deps.issuer,
        header === undefined ? undefined : 'Use an Authorization: Bearer token.',
      );
    try {
      const { grant, jti } = await deps.tokens.verifyAccessToken(match[1]);
      if (deps.ledger.isRevoked('accessToken', jti))
        return unauthorized(c, deps.issuer, 'The access token was revoked.');
      if (deps.ledger.isRevoked('signIn', grant.family))
        return unauthorized(
          c,
          deps.issuer,
          'The sign-in this access token belongs to was revoked; sign in again.',
        );
      c.set('caller', {
        email: grant.email,
        emailVerified: grant.emailVerified,
        clientId: grant.clientId,
        via: 'oauth',
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid_token') throw error;
      deps.logger.info({ reason: error.message }, 'bearer token refused');
      return unauthorized(c, deps.issuer, error.message);
    }
    await next();
  };
}

function unauthorized(c: Context<AppEnv>, issuer: string, description: string | undefined): Response {
  const challenge = bearerChallenge(issuer, description === undefined ? undefined : { description });
  c.header('WWW-Authenticate', challenge);
  c.header('Cache-Control', 'no-store');
  return c.json(
    description === undefined
      ? {
          error: 'unauthorized',
          error_description: 'Sign in first: this endpoint needs an OAuth access token.',
        }
      : { error: 'invalid_token', error_description: description },
    401,
  );
}
