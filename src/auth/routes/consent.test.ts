import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from '../../../test/fakes/google.js';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { AppEnv } from '../../http/types.js';
import { createBrowserState } from '../browser-state.js';
import { issueClientId } from '../client-id.js';
import { createKeyRing } from '../keys.js';
import { s256Challenge } from '../pkce.js';

const KEY = '2c4e6a8b0d1f3e5a7c9b2d4f6a8c0e1b3d5f7a9c';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';
const claude = issueClientId(keys, { redirectUris: [CLAUDE], name: 'Claude', authMethod: 'none' });
let google: FakeGoogle;
let app: Hono<AppEnv>;

beforeAll(async () => {
  google = await startFakeGoogle({
    clientId: 'gc',
    clientSecret: 'gs',
    redirectUris: [`${BASE}/auth/callback`],
  });
  app = createAuthTestApp({ signingKey: KEY, googleIssuer: google.issuer }).app;
});
afterAll(() => google.close());

/** Opens the consent page like a browser and returns its form and the binding cookie. */
async function openConsent() {
  const query = new URLSearchParams({
    client_id: claude,
    redirect_uri: CLAUDE,
    response_type: 'code',
    code_challenge: s256Challenge('v'.repeat(43)),
    code_challenge_method: 'S256',
    state: 'client-state',
  });
  const response = await app.request(`/authorize?${query}`);
  const html = await response.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { request: field('request'), csrf: field('csrf'), cookie };
}

type Consent = Awaited<ReturnType<typeof openConsent>>;
type Tamper = (consent: Consent) => { csrf: string; headers: Record<string, string> };
const TAMPERED: [string, Tamper][] = [
  ['without the binding cookie', (f) => ({ csrf: f.csrf, headers: {} })],
  ['with a forged CSRF token', (f) => ({ csrf: 'x'.repeat(43), headers: { cookie: f.cookie } })],
  [
    'from another browser',
    (f) => ({ csrf: f.csrf, headers: { cookie: `__Host-mcp_consent=${'a'.repeat(43)}` } }),
  ],
  [
    'posted from another site',
    (f) => ({ csrf: f.csrf, headers: { cookie: f.cookie, origin: 'https://evil.example.com' } }),
  ],
];

function submit(form: Record<string, string>, headers: Record<string, string>) {
  return app.request('/consent', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

describe('POST /consent', () => {
  it('sends an approving browser to Google with our own state, nonce and PKCE, and our exact callback', async () => {
    const { request, csrf, cookie } = await openConsent();
    const response = await submit({ request, csrf, decision: 'approve' }, { cookie, origin: BASE });
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe(`${google.issuer}/o/oauth2/v2/auth`);
    const params = Object.fromEntries(target.searchParams);
    expect(params).toMatchObject({
      client_id: 'gc',
      redirect_uri: `${BASE}/auth/callback`,
      scope: 'openid https://www.googleapis.com/auth/userinfo.email',
      code_challenge_method: 'S256',
    });
    expect(params.state).not.toBe('client-state');
    expect(params.code_challenge).not.toBe(s256Challenge('v'.repeat(43)));

    const loginCookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-mcp_login='));
    expect(loginCookie).toMatch(/Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const sealed = /^__Host-mcp_login=([^;]+)/.exec(loginCookie ?? '')?.[1] ?? '';
    const login = await createBrowserState({ keys, issuer: BASE, clock: Date.now }).openLogin(sealed);
    expect(login).toMatchObject({ clientId: claude, googleState: params.state, nonce: params.nonce });
    expect(s256Challenge(login.codeVerifier)).toBe(params.code_challenge);
  });

  it('sends a denying browser back to the client with access_denied, its state and iss', async () => {
    const { request, csrf, cookie } = await openConsent();
    const response = await submit({ request, csrf, decision: 'deny' }, { cookie });
    const back = new URL(response.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CLAUDE);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      error: 'access_denied',
      state: 'client-state',
      iss: BASE,
    });
  });

  it.each(TAMPERED)('refuses a consent %s, and nobody is sent to Google', async (_label, tamper) => {
    const fields = await openConsent();
    const { csrf, headers } = tamper(fields);
    const response = await submit({ request: fields.request, csrf, decision: 'approve' }, headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('This sign-in cannot continue');
  });

  it('refuses a consent form that has expired', async () => {
    const { cookie } = await openConsent();
    const state = createBrowserState({ keys, issuer: BASE, clock: () => Date.now() - 11 * 60_000 });
    const request = await state.sealRequest({
      clientId: claude,
      clientName: 'Claude',
      redirectUri: CLAUDE,
      redirectUriGiven: true,
      state: undefined,
      codeChallenge: s256Challenge('v'.repeat(43)),
      resource: `${BASE}/mcp`,
      scope: 'mcp',
      verifiedHost: undefined,
    });
    const binding = cookie.split('=')[1] ?? '';
    const response = await submit(
      { request, csrf: state.csrfToken(binding, request), decision: 'approve' },
      { cookie },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This consent page has expired');
  });
});
