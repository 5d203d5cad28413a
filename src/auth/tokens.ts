// What the authorization server hands out: short-lived access tokens (JWS HS256, `typ: at+jwt`, audience
// `{IMG_PUBLIC_URL}/mcp`), rotating refresh tokens and single-use authorization codes (both JWE, so their
// contents stay opaque to clients). Each kind has its own HKDF key, `typ` and audience, so one can never
// pass for another. Access and refresh tokens both carry the sign-in's family (`fam`), so revoking a
// family stops both. Everything is self-contained: a restart with the same key keeps them all valid.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import {
  createSealedKind,
  openJwe,
  parseClaims,
  sealJwe,
  signJws,
  type TokenEnvelope,
  verifyJws,
} from './jwt.js';
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
  /** Whether the authorization request named the redirect URI; if so, /token must repeat it. */
  redirectUriGiven: boolean;
  codeChallenge: string;
  resource: string;
}

/** A grant from one sign-in, as access and refresh tokens carry it. */
export interface SessionGrant extends Grant {
  /**
   * Shared by every access and refresh token descended from one sign-in (the id of the code it started
   * with), so a replay or a revocation can stop them all.
   */
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
const sessionSchema = z.object({ ...grantShape, fam: z.string().min(1) });
/** Refresh tokens also carry their generation within the sign-in (the ledger keeps the newest). */
const refreshSchema = sessionSchema.extend({ gen: z.number().int().positive() });
const codeSchema = z.object({
  clientId: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().min(1),
  emailVerified: z.boolean(),
  scope: z.string(),
  redirectUri: z.string().min(1),
  redirectUriGiven: z.boolean(),
  codeChallenge: z.string().min(1),
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
  // Codes live two minutes, so their grant is sealed as it is; access and refresh tokens keep the claim
  // names they were issued with, so tokens in clients' hands stay valid across an upgrade.
  const code = createSealedKind({
    keys,
    purpose: 'authCode',
    envelope: { typ: 'image-studio-code+jwt', issuer, audience: tokenAudience, label: 'authorization code' },
    ttlSec: CODE_TTL_SEC,
    schema: codeSchema,
    clock,
    newId,
  });
  const args = (kind: TokenKind, claims: JWTPayload) => ({
    ...kind.envelope,
    claims,
    jti: newId(),
    nowMs: clock(),
    ttlSec: kind.ttlSec,
  });

  return {
    /** Without a family (a token minted outside /token, as tests do) the token is a family of its own. */
    issueAccessToken(grant: Grant & { family?: string }) {
      const issue = args(access, {});
      const claims = sessionClaims({ ...grant, family: grant.family ?? issue.jti });
      return signJws(keys.current(access.purpose), { ...issue, claims });
    },
    async verifyAccessToken(token: string): Promise<Verified<SessionGrant>> {
      const payload = await verifyJws(keys.accepted(access.purpose), token, access.envelope, clock());
      return toVerifiedSession(parseClaims(sessionSchema, payload, access.envelope.label));
    },
    /** `generation` counts the refreshes of this sign-in: 1 for the token issued with the code. */
    issueRefreshToken: (grant: SessionGrant, generation = 1) =>
      sealJwe(keys.current(refresh.purpose), args(refresh, { ...sessionClaims(grant), gen: generation })),
    async verifyRefreshToken(token: string): Promise<Verified<SessionGrant> & { generation: number }> {
      const payload = await openJwe(keys.accepted(refresh.purpose), token, refresh.envelope, clock());
      const claims = parseClaims(refreshSchema, payload, refresh.envelope.label);
      return { ...toVerifiedSession(claims), generation: claims.gen };
    },
    issueCode: (grant: CodeGrant) => code.seal(grant),
    async openCode(token: string): Promise<Verified<CodeGrant>> {
      const { value, jti, exp } = await code.open(token);
      return { grant: value, jti, exp };
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

function sessionClaims(grant: SessionGrant): JWTPayload {
  return { ...grantClaims(grant), fam: grant.family };
}

function toVerifiedSession(claims: z.infer<typeof sessionSchema>): Verified<SessionGrant> {
  return { grant: { ...toGrant(claims), family: claims.fam }, jti: claims.jti, exp: claims.exp };
}

function toGrant(claims: z.infer<typeof sessionSchema>): Grant {
  return {
    clientId: claims.client_id,
    sub: claims.sub,
    email: claims.email,
    emailVerified: claims.email_verified,
    scope: claims.scope,
  };
}
