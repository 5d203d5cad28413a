// The /mcp endpoint: stateless Streamable HTTP through the SDK's handler (a fresh server per request;
// GET and DELETE answer 405 because there are no sessions). The caller established by the auth layer
// travels to the server factory inside the SDK's pass-through `authInfo`.
import { type AuthInfo, createMcpHandler } from '@modelcontextprotocol/server';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Caller } from '../auth/index.js';
import type { AppEnv } from '../http/types.js';
import { createMcpServer, type McpDeps } from './server.js';

const callerSchema = z.object({
  email: z.string(),
  emailVerified: z.boolean(),
  clientId: z.string().optional(),
  via: z.enum(['oauth', 'auth-disabled']),
});

export function createMcpRoutes(deps: McpDeps, requireCaller: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const handler = createMcpHandler(
    (ctx) => createMcpServer(deps, callerSchema.parse(ctx.authInfo?.extra?.caller)),
    {
      legacy: 'stateless',
      onerror: (error) => deps.logger.debug({ err: error.message }, 'mcp transport notice'),
    },
  );
  const routes = new Hono<AppEnv>();
  routes.on(['GET', 'DELETE'], '/', (c) =>
    c.json(
      {
        jsonrpc: '2.0',
        error: { code: -32000, message: 'Method not allowed: this server is stateless; use POST.' },
        id: null,
      },
      405,
      { Allow: 'POST' },
    ),
  );
  routes.post('/', requireCaller, (c) => handler.fetch(c.req.raw, { authInfo: toAuthInfo(c.get('caller')) }));
  return routes;
}

function toAuthInfo(caller: Caller): AuthInfo {
  return { token: '', clientId: caller.clientId ?? 'local', scopes: [], extra: { caller } };
}
