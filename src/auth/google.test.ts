import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from '../../test/fakes/google.js';
import { createSilentLogger } from '../log.js';
import { createGoogleOidc, GOOGLE_SCOPES, type GoogleOidc } from './google.js';
import { s256Challenge } from './pkce.js';

const CLIENT_ID = 'test-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-test-secret';
const REDIRECT = 'http://127.0.0.1:9/auth/callback';

let google: FakeGoogle;
let basicOnly: FakeGoogle;

beforeAll(async () => {
  const options = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT] };
  google = await startFakeGoogle(options);
  basicOnly = await startFakeGoogle({ ...options, authMethods: ['client_secret_basic'] });
});
afterAll(async () => {
  await google.close();
  await basicOnly.close();
});
beforeEach(() => {
  google.setIdTokenTweaks({});
  google.requests.length = 0;
});

function oidc(issuer = google.issuer, fetchImpl?: typeof fetch): GoogleOidc {
  return createGoogleOidc({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    logger: createSilentLogger(),
    timeoutMs: 2000,
    allowInsecureRequests: true,
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
}

/** Plays the browser: opens the authorize URL and returns where the provider sends it back. */
async function signIn(client: GoogleOidc, provider = google) {
  const start = await client.startLogin(REDIRECT);
  const response = await fetch(start.url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const callback = new URL(response.headers.get('location') ?? '');
  const expected = {
    redirectUri: REDIRECT,
    state: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
  };
  void provider;
  return { start, callback, expected };
}

async function denial(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'access_denied' });
  return error instanceof Error ? error.message : '';
}

describe('Google login', () => {
  it('sends our own S256 PKCE, state, nonce and exactly the two scopes', async () => {
    const start = await oidc().startLogin(REDIRECT);
    const params = new URL(start.url).searchParams;
    expect(start.url.startsWith(`${google.issuer}/o/oauth2/v2/auth?`)).toBe(true);
    expect(Object.fromEntries(params)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: GOOGLE_SCOPES,
      state: start.state,
      nonce: start.nonce,
      code_challenge: s256Challenge(start.codeVerifier),
      code_challenge_method: 'S256',
    });
    expect(GOOGLE_SCOPES).toBe('openid https://www.googleapis.com/auth/userinfo.email');
    expect(start.state).not.toBe(start.nonce);
  });

  it('returns the verified identity with a normalised e-mail', async () => {
    google.setNextUser({ email: 'Ada@Example.COM', email_verified: true, sub: '1001' });
    const { callback, expected } = await signIn(oidc());
    await expect(oidc().finishLogin(callback, expected)).resolves.toEqual({
      sub: '1001',
      email: 'ada@example.com',
      emailVerified: true,
    });
  });

  it('reports an unverified e-mail as such', async () => {
    google.setNextUser({ email: 'bob@example.com', email_verified: false });
    const { callback, expected } = await signIn(oidc());
    await expect(oidc().finishLogin(callback, expected)).resolves.toMatchObject({ emailVerified: false });
  });

  it('authenticates with client_secret_basic when discovery offers only that', async () => {
    basicOnly.setNextUser({ email: 'ada@example.com', email_verified: true });
    const client = oidc(basicOnly.issuer);
    const { callback, expected } = await signIn(client, basicOnly);
    await expect(client.finishLogin(callback, expected)).resolves.toMatchObject({ email: 'ada@example.com' });
    const tokenCall = basicOnly.requests.find((r) => r.path === '/token');
    expect(tokenCall?.params.client_secret).toBeUndefined();
  });

  it('compares the ID token issuer byte for byte, so the scheme-less legacy form is refused', async () => {
    google.setIdTokenTweaks({ legacyIssuer: true });
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const { callback, expected } = await signIn(oidc());
    expect(await denial(oidc().finishLogin(callback, expected))).toContain('unexpected "iss"');
  });

  it('discovers once and reuses the result', async () => {
    const client = oidc();
    await client.startLogin(REDIRECT);
    await client.startLogin(REDIRECT);
    expect(google.requests.filter((r) => r.path === '/.well-known/openid-configuration')).toHaveLength(1);
  });

  it.each([
    ['an ID token for another application', { audience: 'someone-else' }, 'unexpected "aud"'],
    ['an expired ID token', { expired: true }, 'it has expired'],
    ['an ID token without our nonce', { omitNonce: true }, 'nonce'],
  ])('refuses %s', async (_label, tweaks, message) => {
    google.setIdTokenTweaks(tweaks);
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const { callback, expected } = await signIn(oidc());
    expect(await denial(oidc().finishLogin(callback, expected))).toContain(message);
  });

  it('refuses an ID token signed with a key that is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const swapping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/token') || !response.ok) return response;
      const body = (await response.json()) as { id_token: string };
      const forged = await new SignJWT(decodeJwt(body.id_token))
        .setProtectedHeader({ alg: 'RS256', kid: 'attacker' })
        .sign(privateKey);
      return Response.json({ ...body, id_token: forged });
    };
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const { callback, expected } = await signIn(oidc(google.issuer, swapping));
    expect(await denial(oidc(google.issuer, swapping).finishLogin(callback, expected))).toContain(
      'did not verify',
    );
  });

  it('passes on a refusal from Google', async () => {
    google.setNextError('access_denied');
    const { callback, expected } = await signIn(oidc());
    expect(await denial(oidc().finishLogin(callback, expected))).toBe(
      'Google did not complete the sign-in (access_denied).',
    );
  });

  it('refuses an answer meant for another browser session (state mismatch)', async () => {
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const { callback, expected } = await signIn(oidc());
    expect(await denial(oidc().finishLogin(callback, { ...expected, state: 'other' }))).toContain(
      'state mismatch',
    );
  });

  it('refuses a replayed code and a wrong PKCE verifier', async () => {
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const first = await signIn(oidc());
    await oidc().finishLogin(first.callback, first.expected);
    expect(await denial(oidc().finishLogin(first.callback, first.expected))).toContain('invalid_grant');
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const second = await signIn(oidc());
    const wrong = { ...second.expected, codeVerifier: 'x'.repeat(43) };
    expect(await denial(oidc().finishLogin(second.callback, wrong))).toContain('invalid_grant');
  });

  it('refuses an answer that claims to come from another provider (iss)', async () => {
    google.setNextUser({ email: 'ada@example.com', email_verified: true });
    const { callback, expected } = await signIn(oidc());
    callback.searchParams.set('iss', 'https://evil.example.com');
    expect(await denial(oidc().finishLogin(callback, expected))).toContain('another identity provider');
  });

  it('refuses a plain-http issuer that is not on loopback', () => {
    expect(() => oidc('http://accounts.example.com')).toThrow(
      expect.objectContaining({
        code: 'config',
        message: expect.stringContaining('IMG_GOOGLE_ISSUER must use https'),
      }),
    );
  });

  it('refuses plain http even on loopback unless a test asks for it', () => {
    const production = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, logger: createSilentLogger() };
    expect(() => createGoogleOidc({ ...production, issuer: google.issuer })).toThrow(
      expect.objectContaining({ code: 'config', message: expect.stringContaining('must use https') }),
    );
  });

  it('reports an unreachable provider as unavailable, and tries again later', async () => {
    const client = oidc('http://127.0.0.1:9');
    await expect(client.startLogin(REDIRECT)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    await expect(client.startLogin(REDIRECT)).rejects.toMatchObject({ code: 'upstream_unavailable' });
  });
});
