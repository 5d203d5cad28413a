// The only module that talks to Google (or to whatever OIDC provider IMG_GOOGLE_ISSUER names; tests use
// a local fake), through openid-client: discovery (cached, retried after a failure), the authorize URL
// with our own S256 PKCE, state and nonce, and the code exchange, which checks state, nonce, PKCE and the
// ID token (signature against the provider's keys, issuer byte for byte, audience, azp, expiry). Its
// errors are translated here, once, into ours. Google's tokens are read once and dropped. Shared by the
// MCP sign-in (/auth/callback) and the dashboard (/ui/auth/callback).
import * as oidc from 'openid-client';
import { AppError } from '../errors.js';
import { isLoopbackHostname } from '../http/loopback.js';
import type { Logger } from '../log.js';
import { normaliseEmail } from './allow-list.js';
import { safeEqual } from './hmac.js';

export const GOOGLE_SCOPES = 'openid https://www.googleapis.com/auth/userinfo.email';

export interface GoogleIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
}

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
  /** Tests only: lets a fake provider on a loopback address speak plain http. Never set in production. */
  allowInsecureRequests?: boolean;
}

export function createGoogleOidc(options: GoogleOidcOptions): GoogleOidc {
  const issuer = options.issuer.replace(/\/+$/, '');
  checkIssuer(issuer, options.allowInsecureRequests === true);
  let configuration: Promise<oidc.Configuration> | undefined;
  const configure = () => {
    configuration ??= discover(issuer, options).catch((error: unknown) => {
      configuration = undefined;
      options.logger.warn({ err: error, issuer }, 'OIDC discovery failed');
      throw translate(error);
    });
    return configuration;
  };

  return {
    async startLogin(redirectUri) {
      const config = await configure();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: GOOGLE_SCOPES,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        prompt: 'select_account',
      });
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finishLogin(callbackUrl, expected) {
      checkCallback(callbackUrl.searchParams, expected.state, issuer);
      const config = await configure();
      // The redirect_uri sent with the code is the one Google saw, whatever URL the request arrived on.
      const current = new URL(expected.redirectUri);
      current.search = callbackUrl.search;
      const tokens = await oidc
        .authorizationCodeGrant(config, current, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        })
        .catch((error: unknown) => {
          throw translate(error);
        });
      const identity = identityOf(tokens.claims());
      options.logger.info(
        { sub: identity.sub, emailVerified: identity.emailVerified },
        'Google sign-in verified',
      );
      return identity;
    },
  };
}

function checkIssuer(issuer: string, allowInsecure: boolean): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AppError('config', `IMG_GOOGLE_ISSUER must be an absolute URL (got "${issuer}").`);
  }
  if (url.protocol === 'https:' || (allowInsecure && isLoopbackHostname(url.hostname))) return;
  throw new AppError('config', `IMG_GOOGLE_ISSUER must use https; got "${issuer}".`);
}

/** Discovery, then the client authentication the provider prefers (Google: client_secret_post). */
async function discover(issuer: string, options: GoogleOidcOptions): Promise<oidc.Configuration> {
  const fetchImpl = options.fetch;
  // openid-client types its request bodies more widely than the DOM's fetch; they are the same at runtime.
  const customFetch: oidc.CustomFetch | undefined =
    fetchImpl === undefined ? undefined : (url, init) => fetchImpl(url, init as RequestInit);
  const requestOptions = {
    timeout: Math.ceil((options.timeoutMs ?? 10_000) / 1000),
    ...(options.allowInsecureRequests === true ? { execute: [oidc.allowInsecureRequests] } : {}),
    ...(customFetch === undefined ? {} : { [oidc.customFetch]: customFetch }),
  };
  const found = await oidc.discovery(new URL(issuer), options.clientId, undefined, undefined, requestOptions);
  const server = found.serverMetadata();
  const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const authentication = methods.includes('client_secret_post')
    ? oidc.ClientSecretPost(options.clientSecret)
    : oidc.ClientSecretBasic(options.clientSecret);
  const config = new oidc.Configuration(server, options.clientId, undefined, authentication);
  config.timeout = requestOptions.timeout;
  if (customFetch !== undefined) config[oidc.customFetch] = customFetch;
  if (options.allowInsecureRequests === true) oidc.allowInsecureRequests(config);
  // Check the ID token's signature too, not only its claims: never trust a token on TLS alone.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** Checks what the browser brought back before any call: the error, our state and the issuer. */
function checkCallback(params: URLSearchParams, expectedState: string, issuer: string): void {
  const error = params.get('error');
  if (error !== null) {
    const detail = params.get('error_description');
    throw deny(`Google did not complete the sign-in (${error}${detail === null ? '' : `: ${detail}`}).`);
  }
  const state = params.get('state');
  if (state === null || !safeEqual(state, expectedState))
    throw deny('The sign-in answer does not belong to this browser session (state mismatch); start again.');
  const iss = params.get('iss');
  if (iss !== null && iss !== issuer)
    throw deny(`The sign-in answer came from another identity provider (${iss}); start again.`);
}

function identityOf(claims: oidc.IDToken | undefined): GoogleIdentity {
  const email = typeof claims?.email === 'string' ? claims.email.trim() : '';
  if (claims === undefined || email === '')
    throw deny('Google did not share an e-mail address; allow the e-mail permission and sign in again.');
  return { sub: claims.sub, email: normaliseEmail(email), emailVerified: claims.email_verified === true };
}

function deny(message: string, cause?: unknown): AppError {
  return new AppError('access_denied', message, cause === undefined ? {} : { cause });
}

/** openid-client's failures, once, in our terms: a refused sign-in, or a provider we cannot use now. */
function translate(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof oidc.AuthorizationResponseError)
    return deny(`Google did not complete the sign-in (${error.error}).`, error);
  if (error instanceof oidc.ResponseBodyError && error.status < 500)
    return deny(`Google refused the sign-in code (${error.error}); start the sign-in again.`, error);
  if (error instanceof oidc.ClientError && error.code !== undefined && REFUSALS.has(error.code))
    return deny(`Google's ID token did not verify (${problemOf(error)}); start the sign-in again.`, error);
  return new AppError(
    'upstream_unavailable',
    "Google's sign-in service could not be reached or answered strangely; try signing in again in a minute.",
    { cause: error },
  );
}

/** openid-client codes that mean the answer does not check out, as opposed to a provider failure. */
const REFUSALS = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
]);

/** What was wrong, from the underlying oauth4webapi error openid-client wraps (its `cause`). */
function problemOf(error: oidc.ClientError): string {
  const inner = error.cause instanceof Error ? error.cause : error;
  const claim = (inner.cause as { claim?: unknown } | undefined)?.claim;
  if (/"exp"/.test(inner.message)) return 'it has expired';
  if (typeof claim === 'string') return `unexpected "${claim}"`;
  if (/"nonce"/.test(inner.message)) return 'unexpected "nonce"';
  if (/key|signature/i.test(inner.message)) return 'bad signature or unknown signing key';
  return inner.message;
}
