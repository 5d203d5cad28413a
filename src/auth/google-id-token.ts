// Checks an ID token from Google (or the configured OIDC provider) and reads who signed in: RS256 against
// the provider's JWKS, the issuer in both of Google's spellings, our client id as audience (and as `azp`
// when present), expiry, and this sign-in's nonce. Also the two failures google.ts reports: a refused
// sign-in (access_denied) and an unreachable provider.
import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { normaliseEmail } from './allow-list.js';
import { safeEqual } from './hmac.js';

export interface GoogleIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  nonce: z.string().optional(),
  azp: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
});

/** The issuer as configured and in its scheme-less legacy form (`accounts.google.com`). */
export function acceptedIssuers(issuer: string): string[] {
  return [issuer, issuer.replace(/^https?:\/\//, '')];
}

export function deny(message: string, cause?: unknown): AppError {
  return new AppError('access_denied', message, cause === undefined ? {} : { cause });
}

export function unavailable(cause: unknown): AppError {
  return new AppError(
    'upstream_unavailable',
    "Google's sign-in service could not be reached or answered strangely; try signing in again in a minute.",
    { cause },
  );
}

export interface IdTokenExpectation {
  issuer: string;
  clientId: string;
  nonce: string;
  nowMs: number;
}

export async function verifyIdToken(
  idToken: string,
  jwks: JWTVerifyGetKey,
  expected: IdTokenExpectation,
): Promise<GoogleIdentity> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, {
      algorithms: ['RS256'],
      issuer: acceptedIssuers(expected.issuer),
      audience: expected.clientId,
      currentDate: new Date(expected.nowMs),
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JWKSTimeout) throw unavailable(error);
    if (error instanceof AppError) throw error;
    throw deny(`Google's ID token did not verify (${problemOf(error)}); start the sign-in again.`, error);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw deny("Google's ID token lacks a subject; start the sign-in again.");
  const { sub, azp, nonce, email, email_verified: verified } = claims.data;
  if (nonce === undefined || !safeEqual(nonce, expected.nonce))
    throw deny("Google's ID token does not carry this sign-in's nonce; start the sign-in again.");
  if (azp !== undefined && azp !== expected.clientId)
    throw deny("Google's ID token was issued to another application (azp); start the sign-in again.");
  if (email === undefined || email.trim() === '')
    throw deny('Google did not share an e-mail address; allow the e-mail permission and sign in again.');
  return { sub, email: normaliseEmail(email), emailVerified: verified === true };
}

function problemOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `unexpected "${error.claim}"`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  return 'malformed token';
}
