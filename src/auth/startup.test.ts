// Start-up refusals for auth (config.ts checks them; these tests pin what an operator sees) and the
// explicit development mode IMG_AUTH_DISABLED=1.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import type { AppEnv } from '../http/types.js';
import { createSilentLogger } from '../log.js';
import { createAuth } from './index.js';
import { createKeyRing } from './keys.js';

const AUTH_ENV = {
  IMG_PUBLIC_URL: 'https://img.example.com',
  GOOGLE_OAUTH_CLIENT_ID: 'client.apps.googleusercontent.com',
  GOOGLE_OAUTH_CLIENT_SECRET: 'GOCSPX-secret',
  IMG_ALLOWED_EMAILS: 'ada@example.com',
  IMG_JWT_SIGNING_KEY: '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c',
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('auth start-up refusals name the variable', () => {
  it.each([
    ['GOOGLE_OAUTH_CLIENT_ID', { GOOGLE_OAUTH_CLIENT_ID: undefined }],
    ['GOOGLE_OAUTH_CLIENT_SECRET', { GOOGLE_OAUTH_CLIENT_SECRET: '  ' }],
    ['IMG_ALLOWED_EMAILS', { IMG_ALLOWED_EMAILS: undefined }],
    ['IMG_ALLOWED_EMAILS', { IMG_ALLOWED_EMAILS: ' , ,' }],
    ['IMG_ALLOWED_EMAILS', { IMG_ALLOWED_EMAILS: 'ada@example.com, not-an-email' }],
    ['IMG_JWT_SIGNING_KEY', { IMG_JWT_SIGNING_KEY: undefined }],
    ['IMG_JWT_SIGNING_KEY', { IMG_JWT_SIGNING_KEY: 'too-short-for-hmac' }],
    ['IMG_JWT_SIGNING_KEY', { IMG_JWT_SIGNING_KEY: 'changeme-changeme-changeme-changeme' }],
    ['IMG_JWT_SIGNING_KEY_PREVIOUS', { IMG_JWT_SIGNING_KEY_PREVIOUS: 'short' }],
    ['IMG_EXTRA_REDIRECT_URIS', { IMG_EXTRA_REDIRECT_URIS: 'cursor://callback' }],
    ['IMG_GOOGLE_ISSUER', { IMG_GOOGLE_ISSUER: 'accounts.google.com' }],
  ])('refuses to start and names %s', (name, override) => {
    const problems = problemsOf({ ...AUTH_ENV, ...override });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.startsWith(`${name} `)).toBe(true);
  });

  it('points at the development switch when a required auth variable is missing', () => {
    expect(problemsOf({ ...AUTH_ENV, GOOGLE_OAUTH_CLIENT_ID: undefined })[0]).toContain(
      'IMG_AUTH_DISABLED=1',
    );
  });

  it('lists every missing auth variable at once', () => {
    const problems = problemsOf({ IMG_PUBLIC_URL: 'https://img.example.com' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'GOOGLE_OAUTH_CLIENT_ID',
      'GOOGLE_OAUTH_CLIENT_SECRET',
      'IMG_ALLOWED_EMAILS',
      'IMG_JWT_SIGNING_KEY',
    ]);
  });

  it('starts with a complete auth configuration', () => {
    expect(problemsOf(AUTH_ENV)).toEqual([]);
  });

  it('refuses to build auth without a Google sign-in when auth is on', () => {
    const build = () =>
      createAuth({
        config: loadConfig(AUTH_ENV),
        logger: createSilentLogger(),
        keys: createKeyRing(AUTH_ENV.IMG_JWT_SIGNING_KEY),
        google: undefined,
      });
    expect(build).toThrow(
      expect.objectContaining({ code: 'config', message: expect.stringContaining('GOOGLE_OAUTH_CLIENT_ID') }),
    );
  });
});

describe('IMG_AUTH_DISABLED=1', () => {
  const config = loadConfig({ IMG_AUTH_DISABLED: '1' });
  const auth = createAuth({
    config,
    logger: createSilentLogger(),
    keys: createKeyRing('x'.repeat(40)),
    google: undefined,
  });

  it('starts with nothing else set', () => {
    expect(config.authDisabled).toBe(true);
  });

  it('admits every /mcp caller as dev@local, and the policy allows everything', async () => {
    const app = new Hono<AppEnv>();
    app.post('/mcp', auth.requireMcpCaller, (c) => c.json(c.get('caller')));
    const caller = await (await app.request('/mcp', { method: 'POST' })).json();
    expect(caller).toEqual({ email: 'dev@local', emailVerified: true, via: 'auth-disabled' });
    expect(auth.access.canGenerate(caller)).toBe(true);
    expect(auth.access.isAdmin('dev@local')).toBe(true);
  });

  it('serves no OAuth route', async () => {
    expect((await auth.routes.request('/.well-known/oauth-authorization-server')).status).toBe(404);
    expect((await auth.routes.request('/register', { method: 'POST' })).status).toBe(404);
  });
});
