import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { AppEnv } from '../../http/types.js';
import { createSilentLogger } from '../../log.js';
import { createGoogleOidc } from '../google.js';
import { createAuth } from '../index.js';
import { createKeyRing } from '../keys.js';

const BASE = 'https://img.example.com';
const ENV = {
  IMG_PUBLIC_URL: BASE,
  GOOGLE_OAUTH_CLIENT_ID: 'client.apps.googleusercontent.com',
  GOOGLE_OAUTH_CLIENT_SECRET: 'secret',
  IMG_ALLOWED_EMAILS: 'ada@example.com',
  IMG_JWT_SIGNING_KEY: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
};

function routes(env: Record<string, string> = ENV) {
  const config = loadConfig(env);
  const logger = createSilentLogger();
  const google = createGoogleOidc({ issuer: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', logger });
  const auth = createAuth({ config, logger, keys: createKeyRing(ENV.IMG_JWT_SIGNING_KEY), google });
  const app = new Hono<AppEnv>();
  app.route('/', auth.routes);
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  return app;
}

describe('discovery routes', () => {
  it.each(['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource'])(
    'serves protected-resource metadata at %s',
    async (path) => {
      const response = await routes().request(path);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ resource: `${BASE}/mcp`, authorization_servers: [BASE] });
    },
  );

  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])(
    'serves authorization-server metadata at %s, readable cross-origin',
    async (path) => {
      const response = await routes().request(path, { headers: { origin: 'http://localhost:6274' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toMatchObject({ issuer: BASE, token_endpoint: `${BASE}/token` });
    },
  );

  it('serves nothing of OAuth when auth is disabled', async () => {
    const app = routes({ IMG_AUTH_DISABLED: '1', IMG_PUBLIC_URL: BASE });
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-protected-resource/mcp',
      '/authorize',
    ])
      expect((await app.request(path)).status).toBe(404);
    expect((await app.request('/token', { method: 'POST' })).status).toBe(404);
    expect((await app.request('/register', { method: 'POST' })).status).toBe(404);
  });
});
