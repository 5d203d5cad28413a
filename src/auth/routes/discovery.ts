// The discovery documents at the root of our origin: protected-resource metadata at both RFC 9728 paths
// and authorization-server metadata with its OpenID Connect alias. Static, cheap and CORS-open so
// browser-based clients (the MCP Inspector) can read them.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../http/types.js';
import { authorizationServerMetadata, protectedResourceMetadata } from '../metadata.js';

export function createDiscoveryRoutes(issuer: string): Hono<AppEnv> {
  const resource = protectedResourceMetadata(issuer);
  const server = authorizationServerMetadata(issuer);
  const app = new Hono<AppEnv>();
  app.use('/.well-known/*', cors({ origin: '*', allowMethods: ['GET'] }));
  app.use('/.well-known/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'public, max-age=300');
  });
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(resource));
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(resource));
  app.get('/.well-known/oauth-authorization-server', (c) => c.json(server));
  app.get('/.well-known/openid-configuration', (c) => c.json(server));
  return app;
}
