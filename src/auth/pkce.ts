// PKCE (RFC 7636), S256 only: plain is refused everywhere. Checks the MCP client's verifier at /token;
// our own verifier for the Google leg comes from openid-client (google.ts).
import { createHash, timingSafeEqual } from 'node:crypto';

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function isWellFormedVerifier(verifier: string): boolean {
  return VERIFIER_PATTERN.test(verifier);
}

/** An S256 challenge is the base64url of a SHA-256 digest: exactly 43 characters. */
export function isWellFormedChallenge(challenge: string): boolean {
  return CHALLENGE_PATTERN.test(challenge);
}

export function verifyS256(verifier: string, challenge: string): boolean {
  if (!isWellFormedVerifier(verifier) || !isWellFormedChallenge(challenge)) return false;
  return timingSafeEqual(Buffer.from(s256Challenge(verifier)), Buffer.from(challenge));
}
