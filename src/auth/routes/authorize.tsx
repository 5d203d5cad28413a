// GET /authorize: checks the client, its redirect URI and the request (code flow, S256 PKCE, our
// resource), then shows the consent page. Problems with the client or redirect URI are shown to the
// person (never redirected to an unverified address); later problems go back to the client with `error`,
// `state` and `iss`. Nothing is stored: the validated request travels sealed inside the consent form.
// Only a global cap limits it: a per-client bucket would let anyone lock out a shared client id such as
// Claude's (rate-limit.ts).
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.js';
import type { AuthorizationRequest } from '../browser-state.js';
import type { KnownClient } from '../clients.js';
import type { AuthContext } from '../context.js';
import { GOOGLE_SCOPES } from '../google.js';
import { randomToken } from '../hmac.js';
import { GRANTED_SCOPE } from '../metadata.js';
import { clientRedirect, toOAuthFailure, tooManyRequests } from '../oauth-error.js';
import { isWellFormedChallenge } from '../pkce.js';
import { describeDestination, findRedirectUri } from '../redirect-uris.js';
import { isOurResource } from '../resource.js';
import { ConsentPage } from '../views/consent-page.js';
import { renderMessage, renderPage } from '../views/render.js';

const GOOGLE_SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

const SINGLE_VALUED = [
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'code_challenge',
  'code_challenge_method',
  'resource',
  'scope',
];

export function createAuthorizeRoute(ctx: AuthContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/authorize', async (c) => {
    const limit = ctx.limits.authorize.hit('all');
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSec));
      const message = tooManyRequests(
        limit.retryAfterSec,
        'sign-in requests on this server right now',
      ).message;
      return refusePage(c, message, 429);
    }
    const query: Query = (name) => c.req.query(name);
    const target = await findTarget(c, ctx, query);
    if ('refusal' in target) return refusePage(c, target.refusal, target.status);
    const { client, redirectUri } = target;
    const state = query('state');
    const problem = requestProblem(query, ctx.resource);
    if (problem !== undefined) {
      ctx.logger.info({ clientId: client.clientId, error: problem.error }, 'authorization request refused');
      return c.redirect(clientRedirect(redirectUri, ctx.issuer, { ...problem, state }), 302);
    }
    return showConsent(c, ctx, {
      clientId: client.clientId,
      clientName: client.name,
      redirectUri,
      redirectUriGiven: query('redirect_uri') !== undefined,
      state,
      codeChallenge: query('code_challenge') ?? '',
      resource: ctx.resource,
      scope: GRANTED_SCOPE,
      verifiedHost: client.verifiedHost,
    });
  });
  return app;
}

type Query = (name: string) => string | undefined;
type Target = { client: KnownClient; redirectUri: string } | { refusal: string; status: 400 };

/**
 * The client and the redirect URI, both verified. Until they are, an error can only be shown to the
 * person: redirecting it to an unverified address would make us an open redirector.
 */
async function findTarget(c: Context<AppEnv>, ctx: AuthContext, query: Query): Promise<Target> {
  const duplicated = SINGLE_VALUED.find((name) => (c.req.queries(name)?.length ?? 0) > 1);
  if (duplicated !== undefined)
    return {
      refusal: `The parameter ${duplicated} appears more than once in the sign-in link.`,
      status: 400,
    };
  const clientId = query('client_id');
  if (clientId === undefined || clientId === '')
    return { refusal: 'The sign-in link names no client_id.', status: 400 };
  let client: KnownClient;
  try {
    client = await ctx.clients.resolve(clientId);
  } catch (error) {
    const problem = toOAuthFailure(error);
    if (problem.status >= 500) ctx.logger.error({ err: error }, 'client lookup failed');
    return { refusal: problem.message, status: 400 };
  }
  const redirectUri = chooseRedirectUri(client, query('redirect_uri'));
  if (redirectUri === undefined) {
    const registered = client.redirectUris.join(', ');
    return {
      refusal: `The redirect_uri is not one this application registered. Registered: ${registered}.`,
      status: 400,
    };
  }
  return { client, redirectUri };
}

/** With exactly one registered URI the parameter may be omitted (RFC 6749 §3.1.2.3). */
function chooseRedirectUri(client: KnownClient, requested: string | undefined): string | undefined {
  if (requested === undefined) return client.redirectUris.length === 1 ? client.redirectUris[0] : undefined;
  return findRedirectUri(client.redirectUris, requested);
}

function requestProblem(
  query: Query,
  resource: string,
): { error: string; error_description: string } | undefined {
  const fail = (error: string, error_description: string) => ({ error, error_description });
  if (query('response_type') !== 'code')
    return fail('unsupported_response_type', 'Only response_type=code is supported.');
  const challenge = query('code_challenge');
  if (challenge === undefined || !isWellFormedChallenge(challenge))
    return fail('invalid_request', 'A PKCE code_challenge (43 base64url characters, S256) is required.');
  if (query('code_challenge_method') !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256; plain is not accepted.');
  if ((query('state')?.length ?? 0) > 2048)
    return fail('invalid_request', 'The state parameter is too long.');
  if (!isOurResource(query('resource'), resource))
    return fail('invalid_target', `This server protects only ${resource}; ask for that resource or none.`);
  return undefined;
}

async function showConsent(c: Context<AppEnv>, ctx: AuthContext, request: AuthorizationRequest) {
  const sealedRequest = await ctx.browser.sealRequest(request);
  let binding = ctx.cookies.get(c, 'binding');
  if (binding === undefined || !/^[A-Za-z0-9_-]{43}$/.test(binding)) binding = randomToken();
  ctx.cookies.set(c, 'binding', binding);
  const { shown, device } = describeDestination(request.redirectUri);
  return renderPage(
    c,
    200,
    <ConsentPage
      serverHost={new URL(ctx.issuer).host}
      clientName={request.clientName}
      destination={shown}
      redirectUri={request.redirectUri}
      verifiedHost={request.verifiedHost}
      device={device}
      googleScopes={GOOGLE_SCOPES.split(' ').map((scope) => scope.replace(GOOGLE_SCOPE_PREFIX, ''))}
      sealedRequest={sealedRequest}
      csrf={ctx.browser.csrfToken(binding, sealedRequest)}
    />,
  );
}

function refusePage(c: Context<AppEnv>, message: string, status: 400 | 429 = 400) {
  return renderMessage(c, status, 'This sign-in request cannot continue', message);
}
