import { describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import { issueClientId } from '../client-id.js';
import { createKeyRing } from '../keys.js';
import type { PinnedFetch } from '../pinned-fetch.js';
import { s256Challenge } from '../pkce.js';
import type { AuthLimits } from '../rate-limit.js';

const KEY = '7f6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';
const CIMD_ID = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
const CHALLENGE = s256Challenge('v'.repeat(43));
const claude = issueClientId(keys, { redirectUris: [CLAUDE], name: 'Claude', authMethod: 'none' });

function app(limits: AuthLimitsOverride = {}) {
  const cimdFetch: PinnedFetch = async () =>
    Response.json({ client_id: CIMD_ID, client_name: 'Claude', redirect_uris: [CLAUDE] });
  return createAuthTestApp({
    signingKey: KEY,
    fetchPinned: cimdFetch,
    lookup: async () => [{ address: '160.79.104.10' }],
    limits,
  }).app;
}
type AuthLimitsOverride = Partial<AuthLimits>;

function authorize(params: Record<string, string | undefined>, raw = '', hono = app()) {
  const query = new URLSearchParams();
  const defaults = {
    client_id: claude,
    redirect_uri: CLAUDE,
    response_type: 'code',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    state: 'st-123',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...params }))
    if (value !== undefined) query.set(name, value);
  return hono.request(`/authorize?${query}${raw}`);
}

/** The hidden inputs of the consent form. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (match[1] !== undefined) fields[match[1]] = match[2] ?? '';
  return fields;
}

function redirectParams(response: Response): Record<string, string> {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(CLAUDE);
  return Object.fromEntries(location.searchParams);
}

describe('GET /authorize', () => {
  it('shows a consent page that names the client and where it sends you, and cannot be framed', async () => {
    const response = await authorize({});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Allow “Claude” to use Image Studio?');
    expect(html).toContain('<strong>claude.ai</strong>');
    const fields = formFields(html);
    expect(fields.request).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fields.csrf).toMatch(/^[\w-]{43}$/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^__Host-mcp_consent=[\w-]{43}; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
  });

  it('says plainly what is granted: generating images as you, and only your e-mail from Google', async () => {
    const text = (await (await authorize({})).text()).replace(/<[^>]+>/g, '');
    expect(text).toContain('it will be able to generate images as you');
    expect(text).toContain(
      'Google will share only your e-mail address with this server (scopes: openid, userinfo.email)',
    );
  });

  it('escapes a hostile client name', async () => {
    const hostile = issueClientId(keys, {
      redirectUris: [CLAUDE],
      name: '<script>alert(1)</script>',
      authMethod: 'none',
    });
    const html = await (await authorize({ client_id: hostile })).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('warns when the answer goes to a program on this computer', async () => {
    const cli = issueClientId(keys, {
      redirectUris: ['http://127.0.0.1:5000/cb'],
      name: 'CLI',
      authMethod: 'none',
    });
    const html = await (await authorize({ client_id: cli, redirect_uri: 'http://127.0.0.1:6000/cb' })).text();
    expect(html).toContain('a program on this computer (localhost)');
  });

  it('shows a metadata-document client as verified by its host', async () => {
    const html = await (await authorize({ client_id: CIMD_ID })).text();
    expect(html).toContain('verified by claude.ai');
  });

  it('uses the only registered redirect URI when none is given', async () => {
    expect((await authorize({ redirect_uri: undefined })).status).toBe(200);
  });

  it.each([
    ['an unknown client', { client_id: 'who-knows' }, '', 'unknown to this server'],
    ['a tampered client id', { client_id: `${claude.slice(0, -4)}AAAA` }, '', 'unknown to this server'],
    ['no client id', { client_id: undefined }, '', 'names no client_id'],
    [
      'a redirect URI the client did not register',
      { redirect_uri: 'https://claude.com/api/mcp/auth_callback' },
      '',
      'not one this application registered',
    ],
    [
      'an attacker redirect URI',
      { redirect_uri: 'https://evil.example.com/cb' },
      '',
      'not one this application registered',
    ],
    ['a repeated parameter', {}, '&client_id=other', 'client_id appears more than once'],
  ])('shows an error page, without redirecting, for %s', async (_label, params, raw, message) => {
    const response = await authorize(params, raw);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(message);
  });

  it.each([
    ['no PKCE challenge', { code_challenge: undefined }, 'invalid_request', 'code_challenge'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request', 'must be S256'],
    ['no PKCE method', { code_challenge_method: undefined }, 'invalid_request', 'must be S256'],
    ['the implicit flow', { response_type: 'token' }, 'unsupported_response_type', 'response_type=code'],
    ['another resource', { resource: 'https://other.example.com/mcp' }, 'invalid_target', `${BASE}/mcp`],
  ])('sends %s back to the client as an error with state and iss', async (_label, params, error, message) => {
    const back = redirectParams(await authorize(params));
    expect(back).toMatchObject({ error, state: 'st-123', iss: BASE });
    expect(back.error_description).toContain(message);
  });

  it("never lets junk requests under Claude's shared client id lock out a real sign-in", async () => {
    const hono = app();
    for (let i = 0; i < 130; i++)
      await authorize({ client_id: CIMD_ID, redirect_uri: 'https://evil.example.com/cb' }, '', hono);
    expect((await authorize({ client_id: CIMD_ID }, '', hono)).status).toBe(200);
  });

  it('caps sign-in requests across all clients, with Retry-After, to protect the CPU', async () => {
    const hono = app({ authorizePerMinute: 2 });
    for (let i = 0; i < 2; i++) await authorize({ client_id: 'junk' }, '', hono);
    const limited = await authorize({}, '', hono);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(limited.headers.get('location')).toBeNull();
    expect(await limited.text()).toContain('Too many sign-in requests on this server right now');
  });

  it('accepts our resource in any harmless spelling', async () => {
    expect((await authorize({ resource: 'https://IMG.example.com/mcp/' })).status).toBe(200);
  });
});

describe('the requests Claude.ai actually sends', () => {
  it('registers as Claude does, then opens consent without a resource and with scopes we do not define', async () => {
    const hono = app();
    const registration = await hono.request('/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: 'Claude',
        redirect_uris: [CLAUDE],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      }),
    });
    expect(registration.status).toBe(201);
    const client = (await registration.json()) as { client_id: string; client_secret?: string };
    expect(client.client_secret).toEqual(expect.any(String));
    const consent = await authorize(
      {
        client_id: client.client_id,
        resource: undefined,
        scope: 'offline_access claudeai',
        prompt: 'consent',
      },
      '',
      hono,
    );
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain('Claude');
  });

  it("opens consent for Claude's hosted client metadata document", async () => {
    const consent = await authorize({ client_id: CIMD_ID, resource: `${BASE}/mcp`, scope: 'offline_access' });
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain('verified by claude.ai');
  });
});
