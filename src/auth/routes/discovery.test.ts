import { describe, expect, it } from 'vitest';
import { TEST_PUBLIC_URL as BASE, createAuthTestApp } from '../../../test/helpers/auth-app.js';
import type { Env } from '../../config.js';

const KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';

function routes(env: Env = {}) {
  return createAuthTestApp({ signingKey: KEY, env }).app;
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
    const app = routes({ IMG_AUTH_DISABLED: '1' });
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
