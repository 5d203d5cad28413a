// Everything the OAuth routes share, built once by createAuth: configuration facts (issuer, resource,
// callback URI), the token and browser-state services, the client directory and redirect policy, the
// ledger of spent codes, refresh generations and revocations (saved across restarts by state-store.ts),
// and the rate limiters (rate-limit.ts explains what each counts). Route files receive this only.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { BrowserState } from './browser-state.js';
import type { ClientDirectory } from './clients.js';
import type { CookieJar } from './cookies.js';
import type { GoogleOidc } from './google.js';
import type { KeyRing } from './keys.js';
import type { Ledger } from './ledger.js';
import type { RateLimiter } from './rate-limit.js';
import type { RedirectPolicy } from './redirect-uris.js';
import type { TokenService } from './tokens.js';

export interface AuthContext {
  config: Config;
  logger: Logger;
  keys: KeyRing;
  google: GoogleOidc;
  clock: () => number;
  /** IMG_PUBLIC_URL: our issuer. */
  issuer: string;
  /** `{issuer}/mcp`: the only protected resource. */
  resource: string;
  /** `{issuer}/auth/callback`: the redirect URI registered at Google. */
  callbackUri: string;
  tokens: TokenService;
  browser: BrowserState;
  clients: ClientDirectory;
  redirects: RedirectPolicy;
  /** `binding` ties the consent form to this browser; `login` carries the sealed Google transaction. */
  cookies: CookieJar<'binding' | 'login'>;
  /** Spent codes, the newest refresh generation of each sign-in, revocations. */
  ledger: Ledger;
  limits: {
    /** Global caps, for CPU protection only: one key for the whole endpoint. */
    register: RateLimiter;
    authorize: RateLimiter;
    token: RateLimiter;
    /** Redeemed codes per signed (DCR) client id, counted once the code and PKCE verified. */
    codesPerClient: RateLimiter;
    /** Grants per sign-in (refresh family), counted once the token verified. */
    grantsPerFamily: RateLimiter;
  };
}
