// The signing side of the fake Google: one RS256 key pair per fake, its public JWKS, and ID tokens with
// the claims Google puts in them. Switches make the tokens wrong in the ways a relying party must catch:
// the legacy scheme-less issuer, another audience, an expired token, a missing nonce.
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface IdTokenTweaks {
  /** Emit `iss` without the scheme, as Google documents for legacy clients (`accounts.google.com`). */
  legacyIssuer?: boolean;
  /** Put this in `aud` instead of the client id. */
  audience?: string;
  /** Issue a token that expired a minute ago. */
  expired?: boolean;
  /** Leave the nonce out. */
  omitNonce?: boolean;
}

export interface IdTokenSubject {
  sub: string;
  email: string;
  email_verified: boolean;
  nonce: string | undefined;
}

export interface FakeSigner {
  jwks: { keys: JWK[] };
  signIdToken(
    subject: IdTokenSubject,
    context: { issuer: string; clientId: string; tweaks: IdTokenTweaks },
  ): Promise<string>;
}

export async function createFakeSigner(): Promise<FakeSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `fake-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    async signIdToken(subject, { issuer, clientId, tweaks }) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        azp: clientId,
        email: subject.email,
        email_verified: subject.email_verified,
        at_hash: 'not-checked',
      };
      if (subject.nonce !== undefined && tweaks.omitNonce !== true) claims.nonce = subject.nonce;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(tweaks.legacyIssuer === true ? issuer.replace(/^https?:\/\//, '') : issuer)
        .setAudience(tweaks.audience ?? clientId)
        .setSubject(subject.sub)
        .setIssuedAt(tweaks.expired === true ? now - 7200 : now)
        .setExpirationTime(tweaks.expired === true ? now - 60 : now + 3600)
        .sign(privateKey);
    },
  };
}

/** A stable numeric subject per e-mail, shaped like Google's. */
export function subjectFor(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest('hex');
  return BigInt(`0x${digest.slice(0, 15)}`)
    .toString()
    .padStart(19, '1');
}
