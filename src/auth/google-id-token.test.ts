import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptedIssuers, verifyIdToken } from './google-id-token.js';

const ISSUER = 'https://accounts.google.com';
const CLIENT_ID = 'app.apps.googleusercontent.com';
const NOW = Date.UTC(2026, 3, 1);
let sign: (claims: JWTPayload, alg?: 'RS256' | 'HS256') => Promise<string>;
let jwks: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  sign = (claims, alg = 'RS256') => {
    const jwt = new SignJWT({
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: '77',
      nonce: 'n1',
      email: 'Ada@Example.com',
      email_verified: true,
      iat: NOW / 1000,
      exp: NOW / 1000 + 600,
      ...claims,
    });
    return alg === 'RS256'
      ? jwt.setProtectedHeader({ alg, kid: 'k1' }).sign(privateKey)
      : jwt.setProtectedHeader({ alg, kid: 'k1' }).sign(new Uint8Array(32));
  };
});

const expected = { issuer: ISSUER, clientId: CLIENT_ID, nonce: 'n1', nowMs: NOW };

describe('Google ID token check', () => {
  it('reads the identity with a normalised e-mail', async () => {
    await expect(verifyIdToken(await sign({}), jwks, expected)).resolves.toEqual({
      sub: '77',
      email: 'ada@example.com',
      emailVerified: true,
    });
  });

  it.each([
    ['the legacy issuer', { iss: 'accounts.google.com' }],
    ['a matching azp', { azp: CLIENT_ID }],
    ['an audience list that includes us', { aud: [CLIENT_ID, 'other'], azp: CLIENT_ID }],
  ])('accepts %s', async (_label, claims) => {
    await expect(verifyIdToken(await sign(claims), jwks, expected)).resolves.toMatchObject({ sub: '77' });
  });

  it('treats a missing email_verified as unverified', async () => {
    await expect(
      verifyIdToken(await sign({ email_verified: undefined }), jwks, expected),
    ).resolves.toMatchObject({
      emailVerified: false,
    });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example.com' }, 'unexpected "iss"'],
    ['another audience', { aud: 'other-app' }, 'unexpected "aud"'],
    ['another authorised party', { azp: 'other-app' }, 'issued to another application (azp)'],
    ['an expired token', { exp: NOW / 1000 - 1 }, 'it has expired'],
    ['a wrong nonce', { nonce: 'n2' }, "does not carry this sign-in's nonce"],
    ['no e-mail', { email: undefined }, 'did not share an e-mail address'],
  ])('refuses %s', async (_label, claims, message) => {
    await expect(verifyIdToken(await sign(claims), jwks, expected)).rejects.toMatchObject({
      code: 'access_denied',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a token signed with a shared secret instead of RS256', async () => {
    await expect(verifyIdToken(await sign({}, 'HS256'), jwks, expected)).rejects.toMatchObject({
      code: 'access_denied',
      message: expect.stringContaining('did not verify'),
    });
  });

  it('knows both spellings of an issuer', () => {
    expect(acceptedIssuers(ISSUER)).toEqual(['https://accounts.google.com', 'accounts.google.com']);
  });
});
