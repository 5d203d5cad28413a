import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { AppEnv } from '../../http/types.js';
import { issueClientId } from '../client-id.js';
import { createKeyRing } from '../keys.js';
import { createTokenService, type Grant } from '../tokens.js';

const KEY = '3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c';
const keys = createKeyRing(KEY);
const client = issueClientId(keys, {
  redirectUris: ['http://localhost:1/cb'],
  name: 'CLI',
  authMethod: 'none',
});
const other = issueClientId(keys, {
  redirectUris: ['http://localhost:2/cb'],
  name: 'Other',
  authMethod: 'none',
});
const tokens = createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock: Date.now });
const grant: Grant = {
  clientId: client,
  sub: '42',
  email: 'ada@example.com',
  emailVerified: true,
  scope: 'mcp',
};

const server = () => createAuthTestApp({ signingKey: KEY }).app;

function form(app: Hono<AppEnv>, path: string, body: Record<string, string>) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
}

const useBearer = (app: Hono<AppEnv>, token: string) =>
  app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('POST /revoke', () => {
  it('revokes an access token for /mcp, and only that one', async () => {
    const app = server();
    const access = await tokens.issueAccessToken({ ...grant, family: 'fam-8' });
    const sibling = await tokens.issueAccessToken({ ...grant, family: 'fam-8' });
    expect((await useBearer(app, access)).status).toBe(200);
    expect((await form(app, '/revoke', { client_id: client, token: access })).status).toBe(200);
    const refused = await useBearer(app, access);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('The access token was revoked.');
    expect((await useBearer(app, sibling)).status).toBe(200);
  });

  it('revokes a refresh token with its family, the access tokens of that sign-in included', async () => {
    const app = server();
    const refresh = await tokens.issueRefreshToken({ ...grant, family: 'fam-9' });
    const access = await tokens.issueAccessToken({ ...grant, family: 'fam-9' });
    const unrelated = await tokens.issueAccessToken({ ...grant, family: 'fam-10' });
    expect((await form(app, '/revoke', { client_id: client, token: refresh })).status).toBe(200);
    const refused = await useBearer(app, access);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      'sign-in this access token belongs to was revoked',
    );
    expect((await useBearer(app, unrelated)).status).toBe(200);
    const sibling = await tokens.issueRefreshToken({ ...grant, family: 'fam-9' });
    const response = await form(app, '/token', {
      grant_type: 'refresh_token',
      client_id: client,
      refresh_token: sibling,
    });
    expect(await response.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('revoked'),
    });
  });

  it('answers 200 for an unknown token and ignores a token of another client', async () => {
    const app = server();
    expect((await form(app, '/revoke', { client_id: client, token: 'garbage' })).status).toBe(200);
    const access = await tokens.issueAccessToken(grant);
    expect((await form(app, '/revoke', { client_id: other, token: access })).status).toBe(200);
    expect((await useBearer(app, access)).status).toBe(200);
  });

  it('refuses an unknown client with 401 invalid_client', async () => {
    const response = await form(server(), '/revoke', { client_id: 'nobody', token: 'x' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});
