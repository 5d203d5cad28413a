import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { AppEnv } from '../../http/types.js';
import { clientSecretFor, issueClientId } from '../client-id.js';
import { createKeyRing } from '../keys.js';
import { s256Challenge } from '../pkce.js';
import { type CodeGrant, createTokenService } from '../tokens.js';

const KEY = '8e7d6c5b4a392817f6e5d4c3b2a190807f6e5d4c';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';
const VERIFIER = 'k'.repeat(50);
const publicClient = issueClientId(keys, { redirectUris: [CLAUDE], name: 'Claude', authMethod: 'none' });
const secretClient = issueClientId(keys, {
  redirectUris: [CLAUDE],
  name: 'Claude',
  authMethod: 'client_secret_post',
});
const otherClient = issueClientId(keys, {
  redirectUris: ['http://localhost:1/cb'],
  name: 'Other',
  authMethod: 'none',
});
const tokens = createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock: Date.now });

function server(allowed = 'ada@example.com') {
  return createAuthTestApp({ signingKey: KEY, allowedEmails: allowed }).app;
}

function code(overrides: Partial<CodeGrant> = {}) {
  return tokens.issueCode({
    clientId: publicClient,
    sub: '42',
    email: 'ada@example.com',
    emailVerified: true,
    scope: 'mcp',
    redirectUri: CLAUDE,
    redirectUriGiven: true,
    codeChallenge: s256Challenge(VERIFIER),
    resource: `${BASE}/mcp`,
    ...overrides,
  });
}

function post(app: Hono<AppEnv>, form: Record<string, string>) {
  return app.request('/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const useBearer = (app: Hono<AppEnv>, token: string) =>
  app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${token}` } });

async function redeem(app: Hono<AppEnv>, extra: Record<string, string> = {}) {
  const form = {
    grant_type: 'authorization_code',
    client_id: publicClient,
    code: await code(),
    code_verifier: VERIFIER,
  };
  return post(app, { ...form, redirect_uri: CLAUDE, ...extra });
}

async function failure(response: Response, status: number, error: string, message: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = await response.json();
  expect(body.error).toBe(error);
  expect(body.error_description).toContain(message);
}

describe('POST /token, authorization_code', () => {
  it('exchanges a code for an access and a refresh token, never cached', async () => {
    const app = server();
    const response = await redeem(app, { resource: `${BASE}/mcp` });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'mcp' });
    const caller = await app.request('/mcp', {
      method: 'POST',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(await caller.json()).toEqual({
      email: 'ada@example.com',
      emailVerified: true,
      clientId: publicClient,
      via: 'oauth',
    });
    expect(typeof body.refresh_token).toBe('string');
  });

  it('authenticates a confidential client by its derived secret', async () => {
    const form = {
      grant_type: 'authorization_code',
      code: await code({ clientId: secretClient }),
      code_verifier: VERIFIER,
      redirect_uri: CLAUDE,
    };
    const app = server();
    const ok = await post(app, {
      ...form,
      client_id: secretClient,
      client_secret: clientSecretFor(keys, secretClient),
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a replayed code and revokes what the first use produced, access token included', async () => {
    const app = server();
    const form = {
      grant_type: 'authorization_code',
      client_id: publicClient,
      code: await code(),
      code_verifier: VERIFIER,
      redirect_uri: CLAUDE,
    };
    const first = await (await post(app, form)).json();
    expect((await useBearer(app, first.access_token)).status).toBe(200);
    await failure(await post(app, form), 400, 'invalid_grant', 'already used');
    const refresh = await post(app, {
      grant_type: 'refresh_token',
      client_id: publicClient,
      refresh_token: first.refresh_token,
    });
    await failure(refresh, 400, 'invalid_grant', 'revoked');
    const refused = await useBearer(app, first.access_token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      'sign-in this access token belongs to was revoked',
    );
  });

  it('refuses a redemption without the redirect_uri its authorization request named', async () => {
    const response = await post(server(), {
      grant_type: 'authorization_code',
      client_id: publicClient,
      code: await code(),
      code_verifier: VERIFIER,
    });
    await failure(response, 400, 'invalid_grant', 'redirect_uri parameter is missing');
  });

  it('needs no redirect_uri when the authorization request named none', async () => {
    const response = await post(server(), {
      grant_type: 'authorization_code',
      client_id: publicClient,
      code: await code({ redirectUriGiven: false }),
      code_verifier: VERIFIER,
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a wrong PKCE verifier', { code_verifier: 'w'.repeat(50) }, 'does not match the PKCE code_challenge'],
    ['a missing verifier', { code_verifier: '' }, 'does not match'],
    [
      'another redirect URI',
      { redirect_uri: 'https://claude.com/api/mcp/auth_callback' },
      'redirect_uri differs',
    ],
    ['an empty redirect URI', { redirect_uri: '' }, 'redirect_uri differs'],
    ['a garbage code', { code: 'abc' }, 'invalid or has expired'],
    ['a code of another client', { client_id: otherClient }, 'issued to another client'],
  ])('refuses %s with invalid_grant', async (_label, extra, message) => {
    await failure(await redeem(server(), extra), 400, 'invalid_grant', message);
  });

  it('refuses a token for another resource', async () => {
    await failure(
      await redeem(server(), { resource: 'https://other.example.com/mcp' }),
      400,
      'invalid_target',
      `${BASE}/mcp`,
    );
  });

  it.each([
    ['an unknown client', { client_id: 'unknown' }, 'unknown to this server'],
    ['a tampered client id', { client_id: `${publicClient.slice(0, -3)}abc` }, 'unknown to this server'],
    ['a confidential client without its secret', { client_id: secretClient }, 'secret is missing or wrong'],
  ])('answers %s with 401 invalid_client, so Claude registers again', async (_label, extra, message) => {
    await failure(await redeem(server(), extra), 401, 'invalid_client', message);
  });

  it.each([
    [
      'an unsupported grant type',
      { grant_type: 'client_credentials' },
      'unsupported_grant_type',
      'grant_type must be',
    ],
    ['a code grant without a code', { code: '' }, 'invalid_grant', 'invalid or has expired'],
  ])('refuses %s', async (_label, extra, error, message) => {
    await failure(await redeem(server(), extra), 400, error, message);
  });

  it('refuses a JSON body', async () => {
    const response = await server().request('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    await failure(response, 400, 'invalid_request', 'application/x-www-form-urlencoded');
  });
});

describe('POST /token, refresh_token', () => {
  async function firstTokens(app: Hono<AppEnv>) {
    return (await redeem(app)).json();
  }
  const refresh = (app: Hono<AppEnv>, token: string, clientId = publicClient) =>
    post(app, { grant_type: 'refresh_token', client_id: clientId, refresh_token: token });

  it('rotates the refresh token on every use', async () => {
    const app = server();
    const first = await firstTokens(app);
    const second = await (await refresh(app, first.refresh_token)).json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await refresh(app, second.refresh_token)).status).toBe(200);
  });

  it('revokes the whole family, access tokens included, when a spent refresh token comes back', async () => {
    const app = server();
    const first = await firstTokens(app);
    const second = await (await refresh(app, first.refresh_token)).json();
    expect((await useBearer(app, second.access_token)).status).toBe(200);
    await failure(await refresh(app, first.refresh_token), 400, 'invalid_grant', 'already used');
    await failure(await refresh(app, second.refresh_token), 400, 'invalid_grant', 'revoked');
    for (const access of [first.access_token, second.access_token])
      expect((await useBearer(app, access)).status).toBe(401);
  });

  it('keeps working after a restart with the same key', async () => {
    const first = await firstTokens(server());
    expect((await refresh(server(), first.refresh_token)).status).toBe(200);
  });

  it('checks the allow-list again', async () => {
    const first = await firstTokens(server());
    const removed = server('grace@example.com');
    await failure(
      await refresh(removed, first.refresh_token),
      400,
      'invalid_grant',
      'ada@example.com is no longer allowed',
    );
  });

  it('refuses a refresh token presented by another client', async () => {
    const first = await firstTokens(server());
    await failure(
      await refresh(server(), first.refresh_token, otherClient),
      400,
      'invalid_grant',
      'another client',
    );
  });

  it('refuses an access token used as a refresh token', async () => {
    const first = await firstTokens(server());
    await failure(
      await refresh(server(), first.access_token),
      400,
      'invalid_grant',
      'invalid or has expired',
    );
  });
});
