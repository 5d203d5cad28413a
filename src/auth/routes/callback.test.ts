import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, type FakeUser, startFakeGoogle } from '../../../test/fakes/google.js';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { AppEnv } from '../../http/types.js';
import { type AuthorizationRequest, createBrowserState } from '../browser-state.js';
import type { GoogleOidc } from '../google.js';
import { createKeyRing } from '../keys.js';
import { s256Challenge } from '../pkce.js';
import { createTokenService } from '../tokens.js';

const CALLBACK = `${BASE}/auth/callback`;
const KEY = '6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';
const request: AuthorizationRequest = {
  clientId: 'isc1.claude',
  clientName: 'Claude',
  redirectUri: CLAUDE,
  redirectUriGiven: true,
  state: 'client-state',
  codeChallenge: s256Challenge('v'.repeat(43)),
  resource: `${BASE}/mcp`,
  scope: 'mcp',
  verifiedHost: undefined,
};
let google: FakeGoogle;
let oidc: GoogleOidc;
let app: Hono<AppEnv>;

beforeAll(async () => {
  google = await startFakeGoogle({ clientId: 'gc', clientSecret: 'gs', redirectUris: [CALLBACK] });
  ({ app, google: oidc } = createAuthTestApp({ signingKey: KEY, googleIssuer: google.issuer }));
});
afterAll(() => google.close());
beforeEach(() => {
  google.setIdTokenTweaks({});
  google.requests.length = 0;
});

/** A browser that approved consent, went to Google, and is now being sent back to our callback. */
async function returnFromGoogle(user: FakeUser | { error: string }, cookieAge = 0) {
  const start = await oidc.startLogin(CALLBACK);
  const browser = createBrowserState({ keys, issuer: BASE, clock: () => Date.now() - cookieAge });
  const cookie = await browser.sealLogin({
    ...request,
    googleState: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
  });
  if ('error' in user) google.setNextError(user.error);
  else google.setNextUser(user);
  const atGoogle = await fetch(start.url, { redirect: 'manual' });
  const back = new URL(atGoogle.headers.get('location') ?? '');
  return { path: `${back.pathname}${back.search}`, cookie: `__Host-mcp_login=${cookie}` };
}

function clientParams(response: Response): Record<string, string> {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(CLAUDE);
  return Object.fromEntries(location.searchParams);
}

const tokenCalls = () => google.requests.filter((r) => r.path === '/token').length;

describe('GET /auth/callback', () => {
  it('issues our own code and sends the browser back with code, state and iss', async () => {
    const { path, cookie } = await returnFromGoogle({
      email: 'Ada@Example.com',
      email_verified: true,
      sub: '42',
    });
    const response = await app.request(path, { headers: { cookie } });
    const params = clientParams(response);
    expect(params).toMatchObject({ state: 'client-state', iss: BASE });
    const tokens = createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock: Date.now });
    const { grant } = await tokens.openCode(params.code ?? '');
    expect(grant).toMatchObject({
      clientId: 'isc1.claude',
      sub: '42',
      email: 'ada@example.com',
      emailVerified: true,
    });
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-mcp_login=; Max-Age=0/);
  });

  it('completes the sign-in of someone who is not on the allow-list (the tool call refuses them later)', async () => {
    const { path, cookie } = await returnFromGoogle({ email: 'stranger@example.com', email_verified: true });
    expect(clientParams(await app.request(path, { headers: { cookie } })).code).toBeDefined();
  });

  it('refuses an e-mail address Google has not verified', async () => {
    const { path, cookie } = await returnFromGoogle({ email: 'ada@example.com', email_verified: false });
    const params = clientParams(await app.request(path, { headers: { cookie } }));
    expect(params).toMatchObject({ error: 'access_denied', state: 'client-state', iss: BASE });
    expect(params.error_description).toContain('has not verified the e-mail address ada@example.com');
    expect(params.code).toBeUndefined();
  });

  it('passes a refusal at Google on to the client', async () => {
    const { path, cookie } = await returnFromGoogle({ error: 'access_denied' });
    const params = clientParams(await app.request(path, { headers: { cookie } }));
    expect(params).toMatchObject({ error: 'access_denied', state: 'client-state', iss: BASE });
    expect(tokenCalls()).toBe(0);
  });

  it('refuses an ID token meant for another application', async () => {
    google.setIdTokenTweaks({ audience: 'other-app' });
    const { path, cookie } = await returnFromGoogle({ email: 'ada@example.com', email_verified: true });
    const params = clientParams(await app.request(path, { headers: { cookie } }));
    expect(params.error).toBe('access_denied');
    expect(params.error_description).toContain('did not verify');
  });

  it.each([
    [
      'without the login cookie (a Google link opened in another browser)',
      () => '',
      'No sign-in was started',
    ],
    ['with the cookie of another sign-in', (own: string) => own, 'does not belong to the sign-in'],
  ])('stops %s before asking Google for tokens', async (_label, pickCookie, message) => {
    const own = await returnFromGoogle({ email: 'ada@example.com', email_verified: true });
    const other = await returnFromGoogle({ email: 'ada@example.com', email_verified: true });
    const cookie = pickCookie(own.cookie);
    const response = await app.request(other.path, { headers: cookie === '' ? {} : { cookie } });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toContain(message);
    expect(tokenCalls()).toBe(0);
  });

  it('refuses a login cookie older than ten minutes', async () => {
    const { path, cookie } = await returnFromGoogle(
      { email: 'ada@example.com', email_verified: true },
      11 * 60_000,
    );
    const response = await app.request(path, { headers: { cookie } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This sign-in has expired');
  });
});
