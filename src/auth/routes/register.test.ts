import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { AppEnv } from '../../http/types.js';
import { verifyClientId, verifyClientSecret } from '../client-id.js';
import { createKeyRing } from '../keys.js';

const KEY = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';

function app(registerPerMinute?: number) {
  return createAuthTestApp({
    signingKey: KEY,
    env: { IMG_EXTRA_REDIRECT_URIS: 'https://tools.example.org/oauth/callback' },
    clock: () => Date.UTC(2026, 5, 1),
    ...(registerPerMinute === undefined ? {} : { limits: { registerPerMinute } }),
  }).app;
}

function register(hono: Hono<AppEnv>, body: unknown) {
  return hono.request('/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /register', () => {
  it('registers a public client statelessly', async () => {
    const response = await register(app(), { redirect_uris: [CLAUDE], client_name: 'Claude' });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({
      client_name: 'Claude',
      redirect_uris: [CLAUDE],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_id_issued_at: Date.UTC(2026, 5, 1) / 1000,
    });
    expect(body.client_secret).toBeUndefined();
    expect(verifyClientId(keys, body.client_id)?.redirectUris).toEqual([CLAUDE]);
  });

  it('answers the same client id to the same registration, across restarts', async () => {
    const first = await (await register(app(), { redirect_uris: [CLAUDE], client_name: 'Claude' })).json();
    const second = await (await register(app(), { redirect_uris: [CLAUDE], client_name: 'Claude' })).json();
    expect(second.client_id).toBe(first.client_id);
  });

  it.each(['client_secret_post', 'client_secret_basic'])(
    'gives a client asking for %s a never-expiring secret for client_secret_post',
    async (method) => {
      const response = await register(app(), { redirect_uris: [CLAUDE], token_endpoint_auth_method: method });
      const body = await response.json();
      expect(body.token_endpoint_auth_method).toBe('client_secret_post');
      expect(body.client_secret_expires_at).toBe(0);
      expect(verifyClientSecret(keys, body.client_id, body.client_secret)).toBe(true);
    },
  );

  it.each([
    ['a loopback client on any port', ['http://127.0.0.1:51234/callback']],
    ["an operator's extra URI", ['https://tools.example.org/oauth/callback']],
    ["both of Claude's callbacks", [CLAUDE, 'https://claude.com/api/mcp/auth_callback']],
  ])('accepts %s', async (_label, uris) => {
    expect((await register(app(), { redirect_uris: uris })).status).toBe(201);
  });

  it('names an unnamed client after its redirect host', async () => {
    const body = await (
      await register(app(), { redirect_uris: ['http://localhost:6274/oauth/callback'] })
    ).json();
    expect(body.client_name).toBe('localhost:6274');
  });

  it('caps registrations across all clients, with Retry-After, to protect the CPU', async () => {
    const hono = app(2);
    for (let i = 0; i < 2; i++) expect((await register(hono, { redirect_uris: [CLAUDE] })).status).toBe(201);
    const limited = await register(hono, { redirect_uris: [CLAUDE] });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'Too many registrations on this server right now; try again in 60 s.',
    });
  });

  it.each([
    [
      'a foreign redirect URI',
      { redirect_uris: ['https://evil.example.com/cb'] },
      'invalid_redirect_uri',
      'is not an accepted redirect URI',
    ],
    ['no redirect URIs', { client_name: 'x' }, 'invalid_client_metadata', 'redirect_uris'],
    ['a body that is not JSON', 'nope', 'invalid_client_metadata', 'must be a JSON object'],
    [
      'an unsupported grant type',
      { redirect_uris: [CLAUDE], grant_types: ['client_credentials'] },
      'invalid_client_metadata',
      'Unsupported grant_types: client_credentials',
    ],
    [
      'an implicit response type',
      { redirect_uris: [CLAUDE], response_types: ['token'] },
      'invalid_client_metadata',
      'Only response_types ["code"]',
    ],
    [
      'private_key_jwt',
      { redirect_uris: [CLAUDE], token_endpoint_auth_method: 'private_key_jwt' },
      'invalid_client_metadata',
      '"private_key_jwt" is not supported',
    ],
  ])('refuses %s', async (_label, body, error, message) => {
    const response = await register(app(), body);
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(json.error).toBe(error);
    expect(json.error_description).toContain(message);
  });
});
