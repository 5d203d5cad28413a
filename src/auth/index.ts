// The auth capability as the rest of the app sees it: `createAuth` builds the OAuth 2.1 authorization
// server (routes mounted at '/'), the bearer guard for POST /mcp and the access policy; `createGoogleOidc`
// is the Google login shared with /ui. With IMG_AUTH_DISABLED=1 nothing OAuth is served, every /mcp
// caller is dev@local and the policy allows everything. How clients connect: docs/connect-clients.md.
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/types.js';
import type { Logger } from '../log.js';
import { type AccessPolicy, createAccessPolicy } from './allow-list.js';
import { createAuthDisabledGuard, createBearerGuard } from './bearer.js';
import { BROWSER_STATE_TTL_SEC, createBrowserState } from './browser-state.js';
import { CIMD_HOSTS, createCimdResolver, type LookupAddresses } from './cimd.js';
import { createClientDirectory } from './clients.js';
import type { AuthContext } from './context.js';
import { createCookieJar } from './cookies.js';
import type { GoogleOidc } from './google.js';
import type { KeyRing } from './keys.js';
import { createLedger, type Ledger } from './ledger.js';
import { jsonErrorHandler, pageErrorHandler } from './oauth-error.js';
import type { PinnedFetch } from './pinned-fetch.js';
import { AUTH_LIMITS, type AuthLimits, createRateLimiter } from './rate-limit.js';
import { createRedirectPolicy } from './redirect-uris.js';
import { canonicalResource } from './resource.js';
import { createAuthorizeRoute } from './routes/authorize.js';
import { createCallbackRoute } from './routes/callback.js';
import { createConsentRoute } from './routes/consent.js';
import { createDiscoveryRoutes } from './routes/discovery.js';
import { createRegisterRoute } from './routes/register.js';
import { createRevokeRoute } from './routes/revoke.js';
import { createTokenRoute } from './routes/token.js';
import type { AuthStateStore } from './state-store.js';
import { createTokenService } from './tokens.js';
import { renderMessage } from './views/render.js';

export type { AccessPolicy } from './allow-list.js';
export { createAccessPolicy, normaliseEmail } from './allow-list.js';
export type { Caller } from './caller.js';
export { type CookieJar, type CookieSpec, createCookieJar } from './cookies.js';
export type {
  GoogleIdentity,
  GoogleOidc,
  GoogleOidcOptions,
  LoginExpectation,
  LoginStart,
} from './google.js';
export { createGoogleOidc, GOOGLE_SCOPES } from './google.js';
export { hmac, safeEqual } from './hmac.js';
export { createSealedKind, parseClaims, type SealedKind, signJws, verifyJws } from './jwt.js';
export { createKeyRing, type KeyRing } from './keys.js';
export { createLedger, type Ledger } from './ledger.js';
export { type AuthStateStore, openAuthStateStore } from './state-store.js';

export interface Auth {
  /** Mounted at the app root ('/'): discovery, /register, /authorize, /consent, /auth/callback, /token, /revoke. */
  routes: Hono<AppEnv>;
  /** For POST /mcp: 401 with a challenge, or `c.set('caller', …)`. */
  requireMcpCaller: MiddlewareHandler<AppEnv>;
  access: AccessPolicy;
  /** Saves the replay and revocation records now (graceful shutdown); a no-op without a state store. */
  flush(): Promise<void>;
}

/** Outbound calls of the authorization server that tests replace (client metadata documents). */
export type AuthNetwork = Pick<AuthDeps, 'fetchPinned' | 'lookup'>;

export interface AuthDeps {
  config: Config;
  logger: Logger;
  keys: KeyRing;
  google: GoogleOidc | undefined;
  clock?: () => number;
  /** Fetches a client metadata document from an address already checked; tests inject one. */
  fetchPinned?: PinnedFetch;
  /** DNS lookup for client metadata hosts; tests inject one. */
  lookup?: LookupAddresses;
  /** Rate limits and memory bounds; AUTH_LIMITS unless given (tests shrink them). */
  limits?: Partial<AuthLimits>;
  /** Replay and revocation records saved across restarts (openAuthStateStore); memory only without it. */
  state?: AuthStateStore;
}

export function createAuth(deps: AuthDeps): Auth {
  const access = createAccessPolicy(deps.config);
  const flush = () => deps.state?.flush() ?? Promise.resolve();
  if (deps.config.authDisabled)
    return { routes: new Hono<AppEnv>(), requireMcpCaller: createAuthDisabledGuard(), access, flush };
  if (deps.google === undefined)
    throw new AppError(
      'config',
      'Auth is on but no Google sign-in was configured; set GOOGLE_OAUTH_CLIENT_ID.',
    );
  const ctx = createContext(deps, deps.google);
  // Two route groups, one error handler each: JSON for the client's endpoints, pages for the person's.
  const endpoints = new Hono<AppEnv>();
  for (const group of [createRegisterRoute(ctx), createTokenRoute(ctx, access), createRevokeRoute(ctx)])
    endpoints.route('/', group);
  endpoints.onError(jsonErrorHandler(ctx.logger));
  const pages = new Hono<AppEnv>();
  for (const group of [createAuthorizeRoute(ctx), createConsentRoute(ctx), createCallbackRoute(ctx)])
    pages.route('/', group);
  pages.onError(pageErrorHandler(ctx.logger, (c, status, message) => refusalPage(c, status, message)));
  const routes = new Hono<AppEnv>();
  routes.route('/', createDiscoveryRoutes(ctx.issuer));
  routes.route('/', endpoints);
  routes.route('/', pages);
  const requireMcpCaller = createBearerGuard({
    issuer: ctx.issuer,
    tokens: ctx.tokens,
    ledger: ctx.ledger,
    logger: deps.logger,
  });
  return { routes, requireMcpCaller, access, flush };
}

function createContext(deps: AuthDeps, google: GoogleOidc): AuthContext {
  const { config, keys } = deps;
  const clock = deps.clock ?? Date.now;
  const issuer = config.publicUrl;
  const resource = canonicalResource(issuer);
  const redirects = createRedirectPolicy(config.extraRedirectUris);
  const cimdHosts = [...new Set([...CIMD_HOSTS, ...config.cimdHosts])];
  const cimd = createCimdResolver({
    clock,
    redirectPolicy: redirects,
    allowedHosts: cimdHosts,
    ...(deps.fetchPinned === undefined ? {} : { fetchPinned: deps.fetchPinned }),
    ...(deps.lookup === undefined ? {} : { lookup: deps.lookup }),
  });
  const limits = { ...AUTH_LIMITS, ...deps.limits };
  const ledger = createAuthLedger(clock, limits, deps.state);
  const perMinute = (limit: number) => createRateLimiter({ limit, windowMs: 60_000, clock });
  return {
    config,
    logger: deps.logger.child({ component: 'auth' }),
    keys,
    google,
    clock,
    issuer,
    resource,
    callbackUri: `${issuer}/auth/callback`,
    tokens: createTokenService({ keys, issuer, resource, clock }),
    browser: createBrowserState({ keys, issuer, clock }),
    clients: createClientDirectory({ keys, cimd, cimdHosts }),
    redirects,
    cookies: createCookieJar(issuer.startsWith('https://'), {
      binding: { name: 'mcp_consent', path: '/', maxAgeSec: BROWSER_STATE_TTL_SEC },
      login: { name: 'mcp_login', path: '/', maxAgeSec: BROWSER_STATE_TTL_SEC },
    }),
    ledger,
    limits: {
      register: perMinute(limits.registerPerMinute),
      authorize: perMinute(limits.authorizePerMinute),
      token: perMinute(limits.tokenPerMinute),
      codesPerClient: perMinute(limits.codesPerClientPerMinute),
      grantsPerFamily: perMinute(limits.grantsPerFamilyPerMinute),
    },
  };
}

/** The ledger, seeded from the state store and saved to it after each change. */
function createAuthLedger(
  clock: () => number,
  limits: AuthLimits,
  store: AuthStateStore | undefined,
): Ledger {
  const ledger: Ledger = createLedger({
    clock,
    maxEntries: limits.trackedEntries,
    ...(store === undefined
      ? {}
      : { initial: store.initial, onChange: () => store.schedule(ledger.snapshot) }),
  });
  return ledger;
}

function refusalPage(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  return renderMessage(c, status, 'This sign-in cannot continue', message);
}
