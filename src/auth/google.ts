// The only module that talks to Google (or to whatever OIDC provider IMG_GOOGLE_ISSUER names; tests use a
// local fake). Discovery is lazy and cached, every call has a timeout, and the login uses our own S256
// PKCE, state and nonce. The ID token is checked in google-id-token.ts; Google's own tokens are read once
// and dropped. Shared by the MCP sign-in (/auth/callback) and the dashboard (/ui/auth/callback).
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { isSecureOrLoopbackUrl } from '../http/loopback.js';
import type { Logger } from '../log.js';
import { acceptedIssuers, deny, type GoogleIdentity, unavailable, verifyIdToken } from './google-id-token.js';
import { randomToken, safeEqual } from './hmac.js';
import { createCodeVerifier, s256Challenge } from './pkce.js';

export const GOOGLE_SCOPES = 'openid https://www.googleapis.com/auth/userinfo.email';

export type { GoogleIdentity } from './google-id-token.js';

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface LoginExpectation {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface GoogleOidc {
  /** Builds the provider's authorize URL with our own S256 PKCE, state and nonce. */
  startLogin(redirectUri: string): Promise<LoginStart>;
  /**
   * Handles the provider's redirect back: checks state, exchanges the code, verifies the ID token and
   * returns who signed in. Throws AppError('access_denied') when the provider refused or the answer does
   * not check out, AppError('upstream_unavailable') when the provider cannot be reached.
   */
  finishLogin(callbackUrl: URL, expected: LoginExpectation): Promise<GoogleIdentity>;
}

export interface GoogleOidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
  clock?: () => number;
}

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
type Discovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({ id_token: z.string().min(1) });
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
export function createGoogleOidc(options: GoogleOidcOptions): GoogleOidc {
  const issuer = options.issuer.replace(/\/+$/, '');
  assertSafeEndpoint(issuer, 'IMG_GOOGLE_ISSUER');
  const http = createHttp(options.fetch ?? globalThis.fetch, options.timeoutMs ?? 10_000);
  const clock = options.clock ?? Date.now;
  let discovery: Promise<{ doc: Discovery; jwks: JWTVerifyGetKey }> | undefined;
  const discover = () => {
    discovery ??= loadDiscovery(issuer, http, options.timeoutMs ?? 10_000).catch((error: unknown) => {
      discovery = undefined;
      options.logger.warn({ err: error, issuer }, 'OIDC discovery failed');
      throw error;
    });
    return discovery;
  };

  return {
    async startLogin(redirectUri) {
      const { doc } = await discover();
      const state = randomToken();
      const nonce = randomToken();
      const codeVerifier = createCodeVerifier();
      const url = new URL(doc.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: GOOGLE_SCOPES,
        state,
        nonce,
        code_challenge: s256Challenge(codeVerifier),
        code_challenge_method: 'S256',
        prompt: 'select_account',
      }).toString();
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finishLogin(callbackUrl, expected) {
      const code = readCallback(callbackUrl, expected.state, issuer);
      const { doc, jwks } = await discover();
      const idToken = await exchangeCode(http, doc, options, code, expected);
      const identity = await verifyIdToken(idToken, jwks, {
        issuer,
        clientId: options.clientId,
        nonce: expected.nonce,
        nowMs: clock(),
      });
      options.logger.info(
        { sub: identity.sub, emailVerified: identity.emailVerified },
        'Google sign-in verified',
      );
      return identity;
    },
  };
}

function assertSafeEndpoint(value: string, name: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('config', `${name} must be an absolute URL (got "${value}").`);
  }
  if (isSecureOrLoopbackUrl(url)) return;
  throw new AppError(
    'config',
    `${name} must use https (plain http is allowed only on loopback); got "${value}".`,
  );
}

type Http = (url: string, init?: RequestInit) => Promise<Response>;

function createHttp(fetchImpl: typeof fetch, timeoutMs: number): Http {
  return async (url, init) => {
    try {
      return await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw unavailable(error);
    }
  };
}

async function loadDiscovery(issuer: string, http: Http, timeoutMs: number) {
  const response = await http(`${issuer}/.well-known/openid-configuration`);
  const parsed = discoverySchema.safeParse(
    response.ok ? await response.json().catch(() => undefined) : undefined,
  );
  if (!parsed.success)
    throw unavailable(new Error(`discovery answered HTTP ${response.status} without a valid document`));
  const doc = parsed.data;
  if (!acceptedIssuers(issuer).includes(doc.issuer))
    throw new AppError(
      'config',
      `The OIDC discovery document at ${issuer} names another issuer (${doc.issuer}).`,
    );
  for (const endpoint of [doc.authorization_endpoint, doc.token_endpoint, doc.jwks_uri])
    assertSafeEndpoint(endpoint, 'The discovered OIDC endpoint');
  const jwks = createRemoteJWKSet(new URL(doc.jwks_uri), {
    timeoutDuration: timeoutMs,
    [customFetch]: (url: string, init: RequestInit) => http(url, init),
  });
  return { doc, jwks };
}

function readCallback(callbackUrl: URL, expectedState: string, issuer: string): string {
  const params = callbackUrl.searchParams;
  const error = params.get('error');
  if (error !== null) {
    const detail = params.get('error_description');
    throw deny(`Google did not complete the sign-in (${error}${detail === null ? '' : `: ${detail}`}).`);
  }
  const state = params.get('state');
  if (state === null || !safeEqual(state, expectedState))
    throw deny('The sign-in answer does not belong to this browser session (state mismatch); start again.');
  const iss = params.get('iss');
  if (iss !== null && !acceptedIssuers(issuer).includes(iss))
    throw deny(`The sign-in answer came from another identity provider (${iss}); start again.`);
  const code = params.get('code');
  if (code === null || code === '') throw deny('Google answered without an authorization code; start again.');
  return code;
}

async function exchangeCode(
  http: Http,
  doc: Discovery,
  options: GoogleOidcOptions,
  code: string,
  expected: LoginExpectation,
): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: expected.redirectUri,
    code_verifier: expected.codeVerifier,
  });
  const headers: Record<string, string> = { accept: 'application/json' };
  const methods = doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (methods.includes('client_secret_post')) {
    body.set('client_id', options.clientId);
    body.set('client_secret', options.clientSecret);
  } else {
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    const pair = `${encode(options.clientId)}:${encode(options.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const response = await http(doc.token_endpoint, { method: 'POST', headers, body });
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = tokenResponseSchema.safeParse(json);
    if (parsed.success) return parsed.data.id_token;
    throw deny('Google answered the code exchange without an ID token; start the sign-in again.');
  }
  const failure = tokenErrorSchema.safeParse(json);
  if (response.status >= 500 || !failure.success)
    throw unavailable(new Error(`token endpoint HTTP ${response.status}`));
  throw deny(`Google refused the sign-in code (${failure.data.error}); start the sign-in again.`);
}
