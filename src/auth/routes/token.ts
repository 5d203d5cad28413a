// POST /token: authorization_code and refresh_token grants. The client authenticates first (an unknown
// or altered client gets 401 invalid_client, which makes Claude.ai register again); codes are single-use
// and PKCE-checked; refresh tokens rotate on every use, a replayed one revokes its
// whole family (ledger.ts), and the allow-list is checked again. Rate limits count a request only after the client authenticated and the
// grant verified, and before anything is spent (rate-limit.ts says why). Everything answered here carries
// Cache-Control: no-store.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../http/types.js';
import type { AccessPolicy } from '../allow-list.js';
import { isMetadataDocumentUrl } from '../cimd.js';
import type { AuthContext } from '../context.js';
import { OAuthFailure, tooManyRequests } from '../oauth-error.js';
import { verifyS256 } from '../pkce.js';
import type { RateLimiter } from '../rate-limit.js';
import { isOurResource } from '../resource.js';
import { ACCESS_TOKEN_TTL_SEC, type CodeGrant, REFRESH_TOKEN_TTL_SEC, type SessionGrant } from '../tokens.js';
import { readTokenForm, type TokenForm } from './token-form.js';

export function createTokenRoute(ctx: AuthContext, access: AccessPolicy): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(
    '/token',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type', 'Authorization'] }),
  );
  app.post('/token', bodyLimit({ maxSize: 64 * 1024 }), async (c) => {
    count(ctx.limits.token, 'all', 'token requests to this server');
    const form = await readTokenForm(c);
    const clientId = ctx.clients.authenticate({
      clientId: form.client_id,
      clientSecret: form.client_secret,
    });
    if (form.grant_type === 'authorization_code') return respond(c, await redeemCode(ctx, clientId, form));
    if (form.grant_type === 'refresh_token') return respond(c, await refresh(ctx, access, clientId, form));
    throw new OAuthFailure(
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token.',
    );
  });
  return app;
}

function invalidGrant(message: string, cause?: unknown): OAuthFailure {
  return new OAuthFailure('invalid_grant', message, { cause });
}

function missing(name: string): OAuthFailure {
  return new OAuthFailure('invalid_request', `The ${name} parameter is required for this grant.`);
}

/** Counts one request against `key`; throws 429 with Retry-After once over the limit. */
function count(limiter: RateLimiter, key: string, what: string): void {
  const limit = limiter.hit(key);
  if (!limit.allowed) throw tooManyRequests(limit.retryAfterSec, what);
}

function checkResource(ctx: AuthContext, resource: string | undefined): void {
  if (!isOurResource(resource, ctx.resource))
    throw new OAuthFailure('invalid_target', `This server issues tokens only for ${ctx.resource}.`);
}

async function redeemCode(ctx: AuthContext, clientId: string, form: TokenForm) {
  if (form.code === undefined) throw missing('code');
  if (form.code_verifier === undefined) throw missing('code_verifier');
  const code = await ctx.tokens.openCode(form.code).catch((error: unknown) => {
    throw invalidGrant('The authorization code is invalid or has expired; sign in again.', error);
  });
  const { grant } = code;
  if (grant.clientId !== clientId) throw invalidGrant('The authorization code was issued to another client.');
  checkRedirectUri(form.redirect_uri, grant);
  if (!verifyS256(form.code_verifier, grant.codeChallenge))
    throw invalidGrant('The code_verifier does not match the PKCE code_challenge of this authorization.');
  checkResource(ctx, form.resource);
  // The code's id becomes the family of every token descended from it.
  const family = code.jti;
  if (isMetadataDocumentUrl(clientId))
    count(ctx.limits.grantsPerFamily, family, 'token requests for this sign-in');
  else count(ctx.limits.codesPerClient, clientId, 'sign-ins for this application');
  // A code seen before is a replay, caught even when the ledger is full; a fresh one needs room first.
  const seen = ctx.ledger.generation(family) !== undefined || ctx.ledger.isRevoked('signIn', family);
  if (!seen) ctx.ledger.assertRoomForSignIn();
  if (!ctx.ledger.spend(code.jti, code.exp)) {
    ctx.ledger.revoke('signIn', family, nowSec(ctx) + REFRESH_TOKEN_TTL_SEC);
    throw invalidGrant(
      'The authorization code was already used; tokens obtained with it are revoked. Sign in again.',
    );
  }
  ctx.ledger.advance(family, 1, nowSec(ctx) + REFRESH_TOKEN_TTL_SEC);
  ctx.logger.info({ clientId }, 'authorization code redeemed');
  return issueTokens(ctx, { ...grant, family }, 1);
}

/**
 * OAuth 2.1 §4.1.3: when the authorization request named a redirect_uri (the clients we know always do),
 * the token request must send the identical value; when it did not, a value sent anyway must match.
 */
function checkRedirectUri(sent: string | undefined, grant: CodeGrant): void {
  if (sent === undefined && grant.redirectUriGiven)
    throw invalidGrant(
      'The redirect_uri parameter is missing: send the same redirect_uri as in the authorization request.',
    );
  if (sent !== undefined && sent !== grant.redirectUri)
    throw invalidGrant('The redirect_uri differs from the one used to obtain the authorization code.');
}

async function refresh(ctx: AuthContext, access: AccessPolicy, clientId: string, form: TokenForm) {
  if (form.refresh_token === undefined) throw missing('refresh_token');
  const token = await ctx.tokens.verifyRefreshToken(form.refresh_token).catch((error: unknown) => {
    throw invalidGrant('The refresh token is invalid or has expired; sign in again.', error);
  });
  const { grant } = token;
  if (grant.clientId !== clientId) throw invalidGrant('The refresh token was issued to another client.');
  if (ctx.ledger.isRevoked('signIn', grant.family))
    throw invalidGrant('The refresh token was revoked; sign in again.');
  checkResource(ctx, form.resource);
  count(ctx.limits.grantsPerFamily, grant.family, 'token requests for this sign-in');
  const newest = ctx.ledger.generation(grant.family);
  if (newest !== undefined && newest !== token.generation) {
    ctx.ledger.revoke('signIn', grant.family, nowSec(ctx) + REFRESH_TOKEN_TTL_SEC);
    ctx.logger.warn({ clientId }, 'refresh token replayed; family revoked');
    throw invalidGrant('The refresh token was already used; every token from this sign-in is now revoked.');
  }
  ctx.ledger.assertNotOverfull();
  const next = token.generation + 1;
  ctx.ledger.advance(grant.family, next, nowSec(ctx) + REFRESH_TOKEN_TTL_SEC);
  if (!access.canGenerate({ email: grant.email, emailVerified: grant.emailVerified, via: 'oauth' }))
    throw invalidGrant(`${grant.email} is no longer allowed on this server; ask its operator for access.`);
  return issueTokens(ctx, grant, next);
}

async function issueTokens(ctx: AuthContext, grant: SessionGrant, generation: number) {
  const [accessToken, refreshToken] = await Promise.all([
    ctx.tokens.issueAccessToken(grant),
    ctx.tokens.issueRefreshToken(grant, generation),
  ]);
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SEC,
    refresh_token: refreshToken,
    scope: grant.scope,
  };
}

function respond(c: Context, body: Record<string, unknown>): Response {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  return c.json(body);
}

function nowSec(ctx: AuthContext): number {
  return Math.floor(ctx.clock() / 1000);
}
