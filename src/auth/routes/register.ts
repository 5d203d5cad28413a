// POST /register: dynamic client registration (RFC 7591) without storage. The metadata is checked (only
// accepted redirect URIs, only the code flow), then the signed client id carries it; a confidential
// client's secret is derived from that id and never expires. Fast and idempotent: registering the same
// metadata twice returns the same id, which matters because Claude.ai may register twice per connect.
// Only a global cap limits it (CPU protection; rate-limit.ts explains why there is no per-client bucket).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { AppEnv } from '../../http/types.js';
import { type ClientAuthMethod, clientSecretFor, issueClientId } from '../client-id.js';
import type { AuthContext } from '../context.js';
import { OAuthFailure, tooManyRequests } from '../oauth-error.js';
import type { RedirectPolicy } from '../redirect-uris.js';

const metadataSchema = z.object({
  redirect_uris: z.array(z.string()).min(1).max(10),
  client_name: z.string().max(200).optional(),
  token_endpoint_auth_method: z.string().optional(),
  grant_types: z.array(z.string()).optional(),
  response_types: z.array(z.string()).optional(),
});
type ClientMetadata = z.infer<typeof metadataSchema>;

const GRANT_TYPES = ['authorization_code', 'refresh_token'];
/** Keeps the signed client id, which carries the URIs, well under the length we accept back. */
const MAX_TOTAL_URI_LENGTH = 4000;

export function createRegisterRoute(ctx: AuthContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/register', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'] }));
  app.post('/register', bodyLimit({ maxSize: 64 * 1024 }), async (c) => {
    const limit = ctx.limits.register.hit('all');
    if (!limit.allowed) throw tooManyRequests(limit.retryAfterSec, 'registrations on this server right now');
    const metadata = checkMetadata(await c.req.json().catch(() => undefined));
    const authMethod = chooseAuthMethod(metadata.token_endpoint_auth_method);
    checkRedirectUris(ctx.redirects, metadata.redirect_uris, authMethod);
    const name = (metadata.client_name ?? '').trim().slice(0, 80) || hostOf(metadata.redirect_uris[0]);
    const clientId = issueClientId(ctx.keys, { redirectUris: metadata.redirect_uris, name, authMethod });
    ctx.logger.info(
      { clientName: name, authMethod, redirectUris: metadata.redirect_uris },
      'client registered',
    );
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        client_id: clientId,
        client_id_issued_at: Math.floor(ctx.clock() / 1000),
        ...(authMethod === 'client_secret_post'
          ? { client_secret: clientSecretFor(ctx.keys, clientId), client_secret_expires_at: 0 }
          : {}),
        client_name: name,
        redirect_uris: metadata.redirect_uris,
        token_endpoint_auth_method: authMethod,
        grant_types: GRANT_TYPES,
        response_types: ['code'],
      },
      201,
    );
  });
  return app;
}

function checkMetadata(body: unknown): ClientMetadata {
  const parsed = metadataSchema.safeParse(body);
  if (!parsed.success)
    throw badMetadata(
      'The registration must be a JSON object with redirect_uris (1 to 10 URIs) and an optional client_name.',
    );
  const metadata = parsed.data;
  if (metadata.redirect_uris.join('').length > MAX_TOTAL_URI_LENGTH)
    throw badMetadata(`The redirect_uris together exceed ${MAX_TOTAL_URI_LENGTH} characters.`);
  const unsupported = (metadata.grant_types ?? []).filter((grant) => !GRANT_TYPES.includes(grant));
  if (unsupported.length > 0)
    throw badMetadata(
      `Unsupported grant_types: ${unsupported.join(', ')}; this server offers ${GRANT_TYPES.join(', ')}.`,
    );
  if ((metadata.response_types ?? ['code']).some((type) => type !== 'code'))
    throw badMetadata('Only response_types ["code"] is supported.');
  return metadata;
}

/** Every URI must be accepted: dropping one silently would not help (Cursor uses its first one anyway). */
function checkRedirectUris(policy: RedirectPolicy, uris: readonly string[], authMethod: ClientAuthMethod) {
  const client = { isPublic: authMethod === 'none' };
  const problem = uris.map((uri) => policy.problem(uri, client)).find((p) => p !== undefined);
  if (problem !== undefined) throw new OAuthFailure('invalid_redirect_uri', `${problem}.`);
}

/** Public clients by default; a client that wants a secret gets one for `client_secret_post`. */
function chooseAuthMethod(requested: string | undefined): ClientAuthMethod {
  if (requested === undefined || requested === 'none') return 'none';
  if (requested === 'client_secret_post' || requested === 'client_secret_basic') return 'client_secret_post';
  throw badMetadata(
    `token_endpoint_auth_method "${requested}" is not supported; use "none" or "client_secret_post".`,
  );
}

function badMetadata(message: string) {
  return new OAuthFailure('invalid_client_metadata', message);
}

function hostOf(uri: string | undefined): string {
  try {
    return new URL(uri ?? '').host || 'Unnamed application';
  } catch {
    return 'Unnamed application';
  }
}
