import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../http/types.js';
import { createSilentLogger } from '../log.js';
import { createAuthDisabledGuard, createBearerGuard } from './bearer.js';
import { createKeyRing } from './keys.js';
import { createLedger } from './ledger.js';
import { createTokenService, type Grant } from './tokens.js';

const BASE = 'https://img.example.com';
const keys = createKeyRing('c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00');
const tokens = createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock: Date.now });
const grant: Grant = {
  clientId: 'isc1.c',
  sub: '42',
  email: 'ada@example.com',
  emailVerified: true,
  scope: 'mcp',
};
const CHALLENGE_START = `Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource/mcp", scope="mcp"`;

function app(
  guard = createBearerGuard({
    issuer: BASE,
    tokens,
    ledger: createLedger({ clock: Date.now, maxEntries: 100 }),
    logger: createSilentLogger(),
  }),
) {
  const hono = new Hono<AppEnv>();
  hono.post('/mcp', guard, (c) => c.json(c.get('caller')));
  return hono;
}

const call = (headers: Record<string, string> = {}) => app().request('/mcp', { method: 'POST', headers });

describe('bearer guard for /mcp', () => {
  it('challenges a request without a token, pointing to the resource metadata', async () => {
    const response = await call();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(CHALLENGE_START);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('sets the caller from a valid access token', async () => {
    const response = await call({ authorization: `Bearer ${await tokens.issueAccessToken(grant)}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      email: 'ada@example.com',
      emailVerified: true,
      clientId: 'isc1.c',
      via: 'oauth',
    });
  });

  it.each([
    ['a malformed header', async () => 'Basic abc', 'Use an Authorization: Bearer token.'],
    [
      'a token of another server',
      async () =>
        `Bearer ${await createTokenService({ keys: createKeyRing('d'.repeat(8) + 'e0'.repeat(20)), issuer: BASE, resource: `${BASE}/mcp`, clock: Date.now }).issueAccessToken(grant)}`,
      'was not issued by this server',
    ],
    [
      'a token for another resource',
      async () =>
        `Bearer ${await createTokenService({ keys, issuer: BASE, resource: 'https://other.example.com/mcp', clock: Date.now }).issueAccessToken(grant)}`,
      'another audience',
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock: () => Date.now() - 7200_000 }).issueAccessToken(grant)}`,
      'has expired',
    ],
    [
      'a refresh token',
      async () => `Bearer ${await tokens.issueRefreshToken({ ...grant, family: 'f' })}`,
      'malformed',
    ],
  ])('refuses %s with invalid_token', async (_label, header, message) => {
    const response = await call({ authorization: await header() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(`${CHALLENGE_START}, error="invalid_token"`);
    expect(response.headers.get('www-authenticate')).toContain(message);
    expect(await response.json()).toMatchObject({
      error: 'invalid_token',
      error_description: expect.stringContaining(message),
    });
  });

  it('refuses a valid token whose sign-in was revoked, and lets other sign-ins through', async () => {
    const ledger = createLedger({ clock: Date.now, maxEntries: 100 });
    ledger.revoke('signIn', 'fam-1', Date.now() / 1000 + 3600);
    const guarded = app(createBearerGuard({ issuer: BASE, tokens, ledger, logger: createSilentLogger() }));
    const bearer = async (family: string) => ({
      authorization: `Bearer ${await tokens.issueAccessToken({ ...grant, family })}`,
    });
    const refused = await guarded.request('/mcp', { method: 'POST', headers: await bearer('fam-1') });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: 'invalid_token',
      error_description: 'The sign-in this access token belongs to was revoked; sign in again.',
    });
    expect((await guarded.request('/mcp', { method: 'POST', headers: await bearer('fam-2') })).status).toBe(
      200,
    );
  });

  it('lets everyone through as dev@local when auth is disabled', async () => {
    const response = await app(createAuthDisabledGuard()).request('/mcp', { method: 'POST' });
    expect(await response.json()).toEqual({ email: 'dev@local', emailVerified: true, via: 'auth-disabled' });
  });
});
