// The OAuth side of the server as the auth route tests need it: a Config from a small auth-on environment,
// a silent logger, a Google sign-in client (aimed at a closed loopback port unless a fake Google's issuer is
// given) and `createAuth`, all in a Hono app with the auth routes at '/' and POST /mcp behind the bearer
// guard, which answers the caller it let through as JSON.
import { Hono } from 'hono';
import {
  type Auth,
  type AuthDeps,
  createAuth,
  createGoogleOidc,
  createKeyRing,
  type GoogleOidc,
  type KeyRing,
} from '../../src/auth/index.js';
import { type Config, type Env, loadConfig } from '../../src/config.js';
import type { AppEnv } from '../../src/http/types.js';
import { createSilentLogger } from '../../src/log.js';

export const TEST_PUBLIC_URL = 'https://img.example.com';
/** Loopback port 9 normally has no listener, so a call to Google fails at once and never leaves the machine. */
const UNREACHABLE_ISSUER = 'http://127.0.0.1:9';
const GOOGLE_CLIENT_ID = 'gc';
const GOOGLE_CLIENT_SECRET = 'gs';

export interface AuthTestAppOptions {
  /** IMG_JWT_SIGNING_KEY; the returned key ring is derived from it. */
  signingKey: string;
  /** IMG_ALLOWED_EMAILS, comma-separated; 'ada@example.com' unless given. */
  allowedEmails?: string;
  /** Added to (or overriding) the environment above, e.g. IMG_AUTH_DISABLED, IMG_EXTRA_REDIRECT_URIS. */
  env?: Env;
  /** A fake Google's issuer URL; it also becomes IMG_GOOGLE_ISSUER. */
  googleIssuer?: string;
  clock?: AuthDeps['clock'];
  fetchPinned?: AuthDeps['fetchPinned'];
  lookup?: AuthDeps['lookup'];
  /** Smaller rate limits or memory bounds than AUTH_LIMITS. */
  limits?: AuthDeps['limits'];
}

export interface AuthTestApp {
  app: Hono<AppEnv>;
  auth: Auth;
  keys: KeyRing;
  config: Config;
  google: GoogleOidc;
}

export function createAuthTestApp(options: AuthTestAppOptions): AuthTestApp {
  const config = loadConfig({
    IMG_PUBLIC_URL: TEST_PUBLIC_URL,
    GOOGLE_OAUTH_CLIENT_ID: GOOGLE_CLIENT_ID,
    GOOGLE_OAUTH_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
    IMG_ALLOWED_EMAILS: options.allowedEmails ?? 'ada@example.com',
    IMG_JWT_SIGNING_KEY: options.signingKey,
    ...(options.googleIssuer === undefined ? {} : { IMG_GOOGLE_ISSUER: options.googleIssuer }),
    ...options.env,
  });
  const logger = createSilentLogger();
  const keys = createKeyRing(options.signingKey);
  const google = createGoogleOidc({
    issuer: options.googleIssuer ?? UNREACHABLE_ISSUER,
    clientId: GOOGLE_CLIENT_ID,
    clientSecret: GOOGLE_CLIENT_SECRET,
    logger,
    allowInsecureRequests: true,
  });
  const { clock, fetchPinned, lookup, limits } = options;
  const auth = createAuth({ config, logger, keys, google, clock, fetchPinned, lookup, limits });
  const app = new Hono<AppEnv>();
  app.route('/', auth.routes);
  app.post('/mcp', auth.requireMcpCaller, (c) => c.json(c.get('caller')));
  return { app, auth, keys, config, google };
}

/** POSTs an application/x-www-form-urlencoded body, as /token and /revoke expect. */
export function postForm(app: Hono<AppEnv>, path: string, form: Record<string, string>): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** Calls POST /mcp with a bearer token: 200 with the caller, or the guard's 401. */
export function callMcp(app: Hono<AppEnv>, accessToken: string): Promise<Response> {
  return Promise.resolve(
    app.request('/mcp', { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } }),
  );
}
