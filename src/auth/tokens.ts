// What the authorization server hands out: short-lived access tokens (JWS HS256, `typ: at+jwt`, audience
// `{IMG_PUBLIC_URL}/mcp`), rotating refresh tokens and single-use authorization codes (both JWE, so their
// contents stay opaque to clients). Each kind has its own HKDF key, `typ` and audience, so one can never
// pass for another. Everything is self-contained: a restart with the same key keeps them all valid.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { openJwe, parseClaims, sealJwe, signJws, type TokenEnvelope, verifyJws } from './jwt.js';
import type { KeyPurpose, KeyRing } from './keys.js';

export const ACCESS_TOKEN_TTL_SEC = 3600;
export const REFRESH_TOKEN_TTL_SEC = 30 * 24 * 3600;
export const CODE_TTL_SEC = 120;

/** Who signed in, for which client, with what scope: what every grant carries. */
export interface Grant {
  clientId: string;
  sub: string;
  email: string;
  emailVerified: boolean;
  scope: string;
}

export interface CodeGrant extends Grant {
  redirectUri: string;
  codeChallenge: string;
  resource: string;
}

export interface RefreshGrant extends Grant {
  /** Shared by every refresh token descended from one sign-in, so a replay can revoke them all. */
  family: string;
}

export interface Verified<T> {
  grant: T;
  jti: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const grantShape = {
  client_id: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().min(1),
  email_verified: z.boolean(),
  scope: z.string(),
  jti: z.string().min(1),
  exp: z.number(),
};
const accessSchema = z.object(grantShape);
const refreshSchema = z.object({ ...grantShape, fam: z.string().min(1) });
const codeSchema = z.object({
  ...grantShape,
  redirect_uri: z.string().min(1),
  code_challenge: z.string().min(1),
  resource: z.string().min(1),
});

export interface TokenServiceOptions {
  keys: KeyRing;
  /** Our issuer: IMG_PUBLIC_URL. */
  issuer: string;
  /** The protected resource, `{issuer}/mcp`: the access token's audience. */
  resource: string;
  clock: () => number;
  newId?: () => string;
}

export type TokenService = ReturnType<typeof createTokenService>;

interface TokenKind {
  envelope: TokenEnvelope;
  purpose: KeyPurpose;
  ttlSec: number;
}

export function createTokenService(options: TokenServiceOptions) {
  const { keys, issuer, clock } = options;
  const newId = options.newId ?? randomUUID;
  const tokenAudience = `${issuer}/token`;
  const access: TokenKind = {
    envelope: { typ: 'at+jwt', issuer, audience: options.resource, label: 'access token' },
    purpose: 'accessToken',
    ttlSec: ACCESS_TOKEN_TTL_SEC,
  };
  const refresh: TokenKind = {
    envelope: { typ: 'image-studio-rt+jwt', issuer, audience: tokenAudience, label: 'refresh token' },
    purpose: 'refreshToken',
    ttlSec: REFRESH_TOKEN_TTL_SEC,
  };
  const code: TokenKind = {
    envelope: { typ: 'image-studio-code+jwt', issuer, audience: tokenAudience, label: 'authorization code' },
    purpose: 'authCode',
    ttlSec: CODE_TTL_SEC,
  };
  const args = (kind: TokenKind, claims: JWTPayload) => ({
    ...kind.envelope,
    claims,
    jti: newId(),
    nowMs: clock(),
    ttlSec: kind.ttlSec,
  });

  return {
    issueAccessToken: (grant: Grant) =>
      signJws(keys.current(access.purpose), args(access, grantClaims(grant))),
    async verifyAccessToken(token: string): Promise<Verified<Grant>> {
      const payload = await verifyJws(keys.accepted(access.purpose), token, access.envelope, clock());
      const claims = parseClaims(accessSchema, payload, access.envelope.label);
      return { grant: toGrant(claims), jti: claims.jti, exp: claims.exp };
    },
    issueRefreshToken: (grant: RefreshGrant) =>
      sealJwe(keys.current(refresh.purpose), args(refresh, { ...grantClaims(grant), fam: grant.family })),
    async verifyRefreshToken(token: string): Promise<Verified<RefreshGrant>> {
      const payload = await openJwe(keys.accepted(refresh.purpose), token, refresh.envelope, clock());
      const claims = parseClaims(refreshSchema, payload, refresh.envelope.label);
      return { grant: { ...toGrant(claims), family: claims.fam }, jti: claims.jti, exp: claims.exp };
    },
    issueCode: (grant: CodeGrant) => sealJwe(keys.current(code.purpose), args(code, codeClaims(grant))),
    async openCode(token: string): Promise<Verified<CodeGrant>> {
      const payload = await openJwe(keys.accepted(code.purpose), token, code.envelope, clock());
      const claims = parseClaims(codeSchema, payload, code.envelope.label);
      const grant = {
        ...toGrant(claims),
        redirectUri: claims.redirect_uri,
        codeChallenge: claims.code_challenge,
        resource: claims.resource,
      };
      return { grant, jti: claims.jti, exp: claims.exp };
    },
  };
}

function grantClaims(grant: Grant): JWTPayload {
  return {
    sub: grant.sub,
    client_id: grant.clientId,
    email: grant.email,
    email_verified: grant.emailVerified,
    scope: grant.scope,
  };
}

function codeClaims(grant: CodeGrant): JWTPayload {
  return {
    ...grantClaims(grant),
    redirect_uri: grant.redirectUri,
    code_challenge: grant.codeChallenge,
    resource: grant.resource,
  };
}

function toGrant(claims: z.infer<typeof accessSchema>): Grant {
  return {
    clientId: claims.client_id,
    sub: claims.sub,
    email: claims.email,
    emailVerified: claims.email_verified,
    scope: claims.scope,
  };
}
