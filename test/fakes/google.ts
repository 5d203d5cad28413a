// A fake Google OpenID Connect provider over real HTTP on 127.0.0.1, close enough to the real one for our
// relying party: discovery, the authorize endpoint (exact redirect_uri match, code flow, S256 PKCE,
// `openid` scope), a token endpoint with client_secret_post and client_secret_basic, single-use codes,
// RS256 ID tokens, JWKS and userinfo. A test queues the next user (instant redirect) or leaves the
// account chooser for a browser to fill in; `requests` records every call.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { chooserPage, errorPage } from './google-pages.js';
import { createFakeSigner, type IdTokenTweaks, subjectFor } from './google-tokens.js';

export type { IdTokenTweaks } from './google-tokens.js';

export interface FakeGoogleOptions {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the client; matched exactly, like Google. */
  redirectUris: readonly string[];
  /** Token endpoint client authentication advertised by discovery (both accepted either way). */
  authMethods?: readonly string[];
}

export interface FakeUser {
  email: string;
  email_verified: boolean;
  sub?: string;
}

export interface RecordedGoogleRequest {
  method: string;
  path: string;
  /** Query parameters, or the form body of a POST. */
  params: Record<string, string>;
}

export interface FakeGoogle {
  issuer: string;
  /** The next authorize request signs this user in at once. */
  setNextUser(user: FakeUser): void;
  /** The next authorize request is refused with this error (e.g. `access_denied`). */
  setNextError(error: string): void;
  /** Applies to every ID token from now on. */
  setIdTokenTweaks(tweaks: IdTokenTweaks): void;
  requests: RecordedGoogleRequest[];
  close(): Promise<void>;
}

interface PendingCode {
  user: Required<FakeUser>;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
}

export async function startFakeGoogle(options: FakeGoogleOptions): Promise<FakeGoogle> {
  const signer = await createFakeSigner();
  const state: State = {
    issuer: '',
    nextUser: undefined,
    nextError: undefined,
    tweaks: {},
    codes: new Map(),
    accessTokens: new Map(),
    requests: [],
  };
  const app = createApp(options, state, signer);
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${portOf(server.address())}`;
  return {
    issuer: state.issuer,
    requests: state.requests,
    setNextUser: (user) => {
      state.nextUser = user;
    },
    setNextError: (error) => {
      state.nextError = error;
    },
    setIdTokenTweaks: (tweaks) => {
      state.tweaks = tweaks;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('The fake Google is not listening.');
  return address.port;
}

type State = {
  issuer: string;
  nextUser: FakeUser | undefined;
  nextError: string | undefined;
  tweaks: IdTokenTweaks;
  codes: Map<string, PendingCode>;
  accessTokens: Map<string, Required<FakeUser>>;
  requests: RecordedGoogleRequest[];
};
type Signer = Awaited<ReturnType<typeof createFakeSigner>>;

function createApp(options: FakeGoogleOptions, state: State, signer: Signer): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const params =
      c.req.method === 'POST' ? await formOf(c) : Object.fromEntries(new URL(c.req.url).searchParams);
    state.requests.push({ method: c.req.method, path: c.req.path, params });
    await next();
  });
  app.get('/.well-known/openid-configuration', (c) => c.json(discovery(state.issuer, options.authMethods)));
  app.get('/oauth2/v3/certs', (c) => c.json(signer.jwks));
  app.get('/o/oauth2/v2/auth', (c) => authorize(c, options, state));
  app.post('/o/oauth2/v2/auth/approve', async (c) => approve(c, options, state));
  app.post('/token', async (c) => token(c, options, state, signer));
  app.get('/v1/userinfo', (c) => {
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const user = bearer === undefined ? undefined : state.accessTokens.get(bearer);
    if (user === undefined) return c.json({ error: 'invalid_token' }, 401);
    return c.json({ sub: user.sub, email: user.email, email_verified: user.email_verified });
  });
  return app;
}

function discovery(
  issuer: string,
  authMethods: readonly string[] = ['client_secret_post', 'client_secret_basic'],
) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/v1/userinfo`,
    jwks_uri: `${issuer}/oauth2/v3/certs`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: authMethods,
    code_challenge_methods_supported: ['plain', 'S256'],
    claims_supported: ['aud', 'email', 'email_verified', 'exp', 'iat', 'iss', 'sub'],
  };
}

async function formOf(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return {};
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

/** Why an authorize request gets Google's error page instead of a redirect, or undefined. */
function requestProblem(params: Record<string, string | undefined>, options: FakeGoogleOptions) {
  if (params.client_id !== options.clientId) return ['invalid_client', 'The OAuth client was not found.'];
  if (params.redirect_uri === undefined || !options.redirectUris.includes(params.redirect_uri))
    return [
      'redirect_uri_mismatch',
      `The redirect URI in the request, ${params.redirect_uri}, does not match.`,
    ];
  if (params.response_type !== 'code') return ['unsupported_response_type', 'Only the code flow is enabled.'];
  if (!(params.scope ?? '').split(' ').includes('openid'))
    return ['invalid_scope', 'The openid scope is required.'];
  if (params.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge ?? ''))
    return ['invalid_request', 'An S256 code_challenge is required.'];
  return undefined;
}

function authorize(c: Context, options: FakeGoogleOptions, state: State) {
  const params = c.req.query();
  const problem = requestProblem(params, options);
  if (problem !== undefined) return c.html(errorPage(problem[0] ?? '', problem[1] ?? ''), 400);
  if (state.nextError !== undefined) {
    const error = state.nextError;
    state.nextError = undefined;
    return c.redirect(redirectWith(params.redirect_uri ?? '', { error, state: params.state }), 302);
  }
  if (state.nextUser !== undefined) {
    const user = state.nextUser;
    state.nextUser = undefined;
    return issueCode(c, state, params, user);
  }
  const keep = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'scope'] as const;
  return c.html(chooserPage(Object.fromEntries(keep.map((name) => [name, params[name] ?? '']))));
}

async function approve(c: Context, options: FakeGoogleOptions, state: State) {
  const form = await formOf(c);
  const params = { ...form, response_type: 'code', code_challenge_method: 'S256' };
  const problem = requestProblem(params, options);
  if (problem !== undefined) return c.html(errorPage(problem[0] ?? '', problem[1] ?? ''), 400);
  const user = { email: form.email ?? '', email_verified: form.email_verified === 'true' };
  return issueCode(c, state, params, user);
}

function issueCode(c: Context, state: State, params: Record<string, string | undefined>, user: FakeUser) {
  const code = `4/${randomBytes(24).toString('base64url')}`;
  state.codes.set(code, {
    user: { ...user, sub: user.sub ?? subjectFor(user.email) },
    redirectUri: params.redirect_uri ?? '',
    codeChallenge: params.code_challenge ?? '',
    nonce: params.nonce || undefined,
  });
  const location = redirectWith(params.redirect_uri ?? '', { code, state: params.state, iss: state.issuer });
  return c.redirect(location, 302);
}

function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

function clientAuthenticated(c: Context, form: Record<string, string>, options: FakeGoogleOptions): boolean {
  const basic = /^Basic (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  let id = form.client_id;
  let secret = form.client_secret;
  if (basic !== undefined) {
    const [rawId = '', rawSecret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    id = decodeURIComponent(rawId.replace(/\+/g, ' '));
    secret = decodeURIComponent(rawSecret.replace(/\+/g, ' '));
  }
  const same = (a: string, b: string) =>
    a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return id === options.clientId && secret !== undefined && same(secret, options.clientSecret);
}

async function token(c: Context, options: FakeGoogleOptions, state: State, signer: Signer) {
  const form = await formOf(c);
  const fail = (error: string, status: 400 | 401 = 400) =>
    c.json({ error, error_description: error }, status);
  if (!clientAuthenticated(c, form, options)) return fail('invalid_client', 401);
  if (form.grant_type !== 'authorization_code') return fail('unsupported_grant_type');
  const pending = state.codes.get(form.code ?? '');
  state.codes.delete(form.code ?? '');
  if (pending === undefined || pending.redirectUri !== form.redirect_uri) return fail('invalid_grant');
  const challenge = createHash('sha256')
    .update(form.code_verifier ?? '')
    .digest('base64url');
  if (challenge !== pending.codeChallenge) return fail('invalid_grant');
  const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
  state.accessTokens.set(accessToken, pending.user);
  const idToken = await signer.signIdToken(
    { ...pending.user, nonce: pending.nonce },
    { issuer: state.issuer, clientId: options.clientId, tweaks: state.tweaks },
  );
  return c.json({
    access_token: accessToken,
    expires_in: 3599,
    token_type: 'Bearer',
    scope: 'openid https://www.googleapis.com/auth/userinfo.email',
    id_token: idToken,
  });
}
