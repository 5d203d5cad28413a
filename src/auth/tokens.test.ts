import { randomUUID } from 'node:crypto';
import { EncryptJWT, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeyRing, deriveKey } from './keys.js';
import { ACCESS_TOKEN_TTL_SEC, CODE_TTL_SEC, createTokenService, type Grant } from './tokens.js';

const SECRET = '5e8c1a3b7d9f2e4a6c8b0d1f3a5c7e9b2d4f6a8c';
const ISSUER = 'https://img.example.com';
const RESOURCE = `${ISSUER}/mcp`;
const NOW = Date.UTC(2026, 0, 1);
const grant: Grant = {
  clientId: 'isc1.client',
  sub: '1234567890',
  email: 'ada@example.com',
  emailVerified: true,
  scope: 'mcp',
};

function service(options: { secret?: string; previous?: string; now?: number; issuer?: string } = {}) {
  const issuer = options.issuer ?? ISSUER;
  return createTokenService({
    keys: createKeyRing(options.secret ?? SECRET, options.previous),
    issuer,
    resource: `${issuer}/mcp`,
    clock: () => options.now ?? NOW,
  });
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'invalid_token' });
  return error instanceof Error ? error.message : '';
}

/** A hand-made access token with the right key, for claims our issuer would never produce. */
function forgeAccess(header: Record<string, string>, claims: Record<string, unknown>) {
  return new SignJWT({
    client_id: grant.clientId,
    email: grant.email,
    email_verified: true,
    scope: 'mcp',
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', ...header })
    .sign(deriveKey(SECRET, 'accessToken'));
}

describe('access tokens', () => {
  it('round-trips the grant and its sign-in family with the pinned header and claims', async () => {
    const token = await service().issueAccessToken({ ...grant, family: 'fam-7' });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: RESOURCE,
      sub: grant.sub,
      fam: 'fam-7',
      exp: NOW / 1000 + ACCESS_TOKEN_TTL_SEC,
    });
    const verified = await service().verifyAccessToken(token);
    expect(verified.grant).toEqual({ ...grant, family: 'fam-7' });
  });

  it('makes an access token minted without a family a family of its own', async () => {
    const verified = await service().verifyAccessToken(await service().issueAccessToken(grant));
    expect(verified.grant.family).toBe(verified.jti);
  });

  it('stays valid after a restart with the same key', async () => {
    const token = await service().issueAccessToken(grant);
    await expect(service().verifyAccessToken(token)).resolves.toMatchObject({ grant });
  });

  it('is accepted through a key rotation while the old key is kept as previous', async () => {
    const old = 'ffeeddccbbaa99887766554433221100aabbccdd';
    const token = await service({ secret: old }).issueAccessToken(grant);
    await expect(service({ previous: old }).verifyAccessToken(token)).resolves.toMatchObject({ grant });
  });

  it.each([
    [
      'signed with another key',
      async () => service({ secret: 'a'.repeat(8) + SECRET }).issueAccessToken(grant),
      'was not issued by this server',
    ],
    [
      'expired',
      async () => service({ now: NOW - (ACCESS_TOKEN_TTL_SEC + 5) * 1000 }).issueAccessToken(grant),
      'has expired',
    ],
    [
      'from another issuer',
      async () =>
        forgeAccess(
          { typ: 'at+jwt' },
          {
            iss: 'https://evil.example.com',
            aud: RESOURCE,
            sub: 's',
            jti: 'j',
            iat: NOW / 1000,
            exp: NOW / 1000 + 60,
          },
        ),
      'issued by another server',
    ],
    [
      'for another audience',
      async () =>
        forgeAccess(
          { typ: 'at+jwt' },
          {
            iss: ISSUER,
            aud: 'https://other.example.com/mcp',
            sub: 's',
            jti: 'j',
            iat: NOW / 1000,
            exp: NOW / 1000 + 60,
          },
        ),
      'another audience',
    ],
    [
      'of the wrong type',
      async () =>
        forgeAccess(
          { typ: 'JWT' },
          { iss: ISSUER, aud: RESOURCE, sub: 's', jti: 'j', iat: NOW / 1000, exp: NOW / 1000 + 60 },
        ),
      'wrong token type',
    ],
    [
      'without a type',
      async () =>
        forgeAccess(
          {},
          { iss: ISSUER, aud: RESOURCE, sub: 's', jti: 'j', iat: NOW / 1000, exp: NOW / 1000 + 60 },
        ),
      'wrong token type',
    ],
    [
      'without an expiry',
      async () =>
        forgeAccess({ typ: 'at+jwt' }, { iss: ISSUER, aud: RESOURCE, sub: 's', jti: 'j', iat: NOW / 1000 }),
      '"exp"',
    ],
    [
      'missing our claims',
      async () =>
        forgeAccess(
          { typ: 'at+jwt' },
          {
            iss: ISSUER,
            aud: RESOURCE,
            sub: 's',
            jti: 'j',
            iat: NOW / 1000,
            exp: NOW / 1000 + 60,
            email: undefined,
          },
        ),
      'lacks the claims',
    ],
    [
      'unsigned (alg none)',
      async () =>
        new UnsecuredJWT({ ...grant, email_verified: true })
          .setIssuer(ISSUER)
          .setAudience(RESOURCE)
          .setJti('j')
          .setIssuedAt(NOW / 1000)
          .setExpirationTime(NOW / 1000 + 60)
          .encode(),
      'algorithm this server does not accept',
    ],
    [
      'HS512 instead of HS256',
      async () =>
        new SignJWT({}).setProtectedHeader({ alg: 'HS512', typ: 'at+jwt' }).sign(new Uint8Array(64)),
      'algorithm this server does not accept',
    ],
    ['garbage', async () => 'not.a.token', 'malformed'],
  ])('is refused when %s', async (_label, make, message) => {
    const token = await make();
    expect(await rejection(service().verifyAccessToken(token))).toContain(message);
  });

  it('cannot be used as a refresh token or an authorization code', async () => {
    const token = await service().issueAccessToken(grant);
    expect(await rejection(service().verifyRefreshToken(token))).toContain('refresh token');
    expect(await rejection(service().openCode(token))).toContain('authorization code');
  });
});

describe('refresh tokens and codes', () => {
  it('keeps the refresh family and hides the contents from the client', async () => {
    const token = await service().issueRefreshToken({ ...grant, family: 'fam-1' });
    expect(token.split('.')).toHaveLength(5);
    expect(token).not.toContain(Buffer.from('ada@example.com').toString('base64url').slice(0, 10));
    const verified = await service().verifyRefreshToken(token);
    expect(verified.grant).toEqual({ ...grant, family: 'fam-1' });
  });

  it('gives every token its own jti', async () => {
    const a = await service().verifyRefreshToken(
      await service().issueRefreshToken({ ...grant, family: 'f' }),
    );
    const b = await service().verifyRefreshToken(
      await service().issueRefreshToken({ ...grant, family: 'f' }),
    );
    expect(a.jti).not.toBe(b.jti);
  });

  it('carries the PKCE challenge and redirect URI in the code, for two minutes', async () => {
    const codeGrant = {
      ...grant,
      redirectUri: 'http://localhost:1/cb',
      redirectUriGiven: false,
      codeChallenge: 'c'.repeat(43),
      resource: RESOURCE,
    };
    const code = await service().issueCode(codeGrant);
    expect((await service().openCode(code)).grant).toEqual(codeGrant);
    const later = service({ now: NOW + (CODE_TTL_SEC + 1) * 1000 });
    expect(await rejection(later.openCode(code))).toContain('authorization code has expired');
  });

  it('refuses a refresh token sealed with another key', async () => {
    const token = await new EncryptJWT({ ...grant, fam: 'f' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'image-studio-rt+jwt' })
      .setIssuer(ISSUER)
      .setAudience(`${ISSUER}/token`)
      .setJti(randomUUID())
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 60)
      .encrypt(deriveKey(SECRET, 'authCode'));
    expect(await rejection(service().verifyRefreshToken(token))).toContain('was not issued by this server');
  });

  it('refuses a refresh token from another deployment (issuer)', async () => {
    const token = await service({ issuer: 'https://other.example.com' }).issueRefreshToken({
      ...grant,
      family: 'f',
    });
    expect(await rejection(service().verifyRefreshToken(token))).toContain('issued by another server');
  });
});
