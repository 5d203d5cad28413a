import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './google.js';

const CLIENT_ID = 'fake-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-fake';
const REDIRECT = 'http://127.0.0.1:8766/auth/callback';
const VERIFIER = 'a'.repeat(43);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

let google: FakeGoogle;
beforeAll(async () => {
  google = await startFakeGoogle({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT],
  });
});
afterAll(() => google.close());
beforeEach(() => google.setIdTokenTweaks({}));

function authorizeUrl(overrides: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  const all = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid https://www.googleapis.com/auth/userinfo.email',
    state: 'st',
    nonce: 'nn',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) params.set(name, value);
  return `${google.issuer}/o/oauth2/v2/auth?${params}`;
}

async function codeFor(email: string, verified = true): Promise<string> {
  google.setNextUser({ email, email_verified: verified });
  const response = await fetch(authorizeUrl(), { redirect: 'manual' });
  return new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

function exchange(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${google.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

const postAuth = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

describe('fake Google', () => {
  it('publishes a discovery document pointing at itself', async () => {
    const doc = await (await fetch(`${google.issuer}/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({
      issuer: google.issuer,
      authorization_endpoint: `${google.issuer}/o/oauth2/v2/auth`,
      jwks_uri: `${google.issuer}/oauth2/v3/certs`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    });
  });

  it.each([
    [
      'a redirect URI that differs by a trailing slash',
      { redirect_uri: `${REDIRECT}/` },
      'redirect_uri_mismatch',
    ],
    ['an unknown client', { client_id: 'other' }, 'invalid_client'],
    ['the implicit flow', { response_type: 'token' }, 'unsupported_response_type'],
    ['no openid scope', { scope: 'email' }, 'invalid_scope'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no PKCE', { code_challenge: undefined }, 'invalid_request'],
  ])('shows an error page instead of redirecting for %s', async (_label, overrides, error) => {
    const response = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`Error 400: ${error}`);
  });

  it('shows an account chooser when no user is queued, and its form signs in', async () => {
    const page = await (await fetch(authorizeUrl())).text();
    expect(page).toContain('<input type="email" name="email"');
    const hidden = Object.fromEntries(
      [...page.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const response = await fetch(`${google.issuer}/o/oauth2/v2/auth/approve`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, email: 'eve@example.com', email_verified: 'true' }),
    });
    const back = new URL(response.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st');
    const tokens = await (
      await exchange({
        ...postAuth,
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        code_verifier: VERIFIER,
      })
    ).json();
    expect(decodeJwt(tokens.id_token)).toMatchObject({ email: 'eve@example.com', email_verified: true });
  });

  it('redirects with the queued error', async () => {
    google.setNextError('access_denied');
    const response = await fetch(authorizeUrl(), { redirect: 'manual' });
    const back = new URL(response.headers.get('location') ?? '');
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'st' });
  });

  it.each([
    ['client_secret_post', {}, postAuth],
    ['client_secret_basic', { authorization: basic }, {}],
  ])(
    'issues an RS256 ID token verifiable with its JWKS, authenticating by %s',
    async (_label, headers, auth) => {
      const code = await codeFor('ada@example.com');
      const response = await exchange(
        { ...auth, grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER },
        headers,
      );
      const body = await response.json();
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
      const jwks = createLocalJWKSet(await (await fetch(`${google.issuer}/oauth2/v3/certs`)).json());
      const { payload, protectedHeader } = await jwtVerify(body.id_token, jwks, {
        issuer: google.issuer,
        audience: CLIENT_ID,
      });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload).toMatchObject({
        email: 'ada@example.com',
        email_verified: true,
        nonce: 'nn',
        azp: CLIENT_ID,
      });
      const userinfo = await fetch(`${google.issuer}/v1/userinfo`, {
        headers: { authorization: `Bearer ${body.access_token}` },
      });
      expect(await userinfo.json()).toMatchObject({ email: 'ada@example.com', sub: payload.sub });
    },
  );

  it.each([
    [
      'a wrong client secret',
      (code: string) => ({ ...postAuth, client_secret: 'nope', code }),
      401,
      'invalid_client',
    ],
    [
      'a wrong PKCE verifier',
      (code: string) => ({ ...postAuth, code, code_verifier: 'b'.repeat(43) }),
      400,
      'invalid_grant',
    ],
    [
      'a different redirect URI',
      (code: string) => ({ ...postAuth, code, redirect_uri: 'http://127.0.0.1:1/x' }),
      400,
      'invalid_grant',
    ],
  ])('refuses %s at the token endpoint', async (_label, form, status, error) => {
    const code = await codeFor('ada@example.com');
    const response = await exchange({
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
      ...form(code),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  });

  it('honours a code only once', async () => {
    const form = {
      ...postAuth,
      grant_type: 'authorization_code',
      code: await codeFor('ada@example.com'),
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    };
    expect((await exchange(form)).status).toBe(200);
    expect(await (await exchange(form)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it.each([
    [
      'the legacy issuer',
      { legacyIssuer: true },
      (p: Record<string, unknown>) => expect(p.iss).toBe(google.issuer.replace('http://', '')),
    ],
    [
      'another audience',
      { audience: 'elsewhere' },
      (p: Record<string, unknown>) => expect(p.aud).toBe('elsewhere'),
    ],
    [
      'an expired token',
      { expired: true },
      (p: Record<string, unknown>) => expect(Number(p.exp)).toBeLessThan(Date.now() / 1000),
    ],
    ['no nonce', { omitNonce: true }, (p: Record<string, unknown>) => expect(p.nonce).toBeUndefined()],
  ])('can emit %s', async (_label, tweaks, check) => {
    google.setIdTokenTweaks(tweaks);
    const code = await codeFor('ada@example.com');
    const body = await (
      await exchange({
        ...postAuth,
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: VERIFIER,
      })
    ).json();
    check(decodeJwt(body.id_token));
  });

  it('records every request', async () => {
    const before = google.requests.length;
    await fetch(`${google.issuer}/oauth2/v3/certs`);
    expect(google.requests.slice(before)).toEqual([{ method: 'GET', path: '/oauth2/v3/certs', params: {} }]);
  });
});
