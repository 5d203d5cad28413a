// What createUi() needs from the rest of the server (UiDeps), and the runtime pieces built once from it:
// token codecs, the cookie jar and logout ledger (from auth's toolkit, shared with the MCP sign-in) and
// the stylesheet link. Route files receive the runtime, never globals.
import { z } from 'zod';
import {
  type CookieJar,
  createCookieJar,
  createLedger,
  createSealedKind,
  type KeyRing,
  type Ledger,
  type SealedKind,
} from '../auth/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ModelRegistry } from '../models/index.js';
import { CALLBACK_PATH, UI_BASE } from './paths.js';
import type {
  BudgetLookup,
  DashboardAccess,
  DefaultModelPrefs,
  GalleryIndex,
  OidcLogin,
  SpendSource,
  ThumbnailSource,
} from './ports.js';
import { createSessionTokens, SESSION_TTL_S, type SessionTokens } from './session.js';
import { stylesheetHash, stylesheetHref } from './styles.js';

export interface UiDeps {
  config: Config;
  logger: Logger;
  keys: KeyRing;
  /** Undefined only when auth is disabled (or Google is not configured, which then shows a clear page). */
  google: OidcLogin | undefined;
  access: DashboardAccess;
  index: GalleryIndex;
  /** Spend per person, kept when images are deleted. */
  spend: SpendSource;
  prefs: DefaultModelPrefs;
  store: ThumbnailSource;
  registry: ModelRegistry;
  budgets: BudgetLookup;
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
}

/** Google's state, nonce and our PKCE verifier, from /ui/login to /ui/auth/callback. */
const pendingLoginSchema = z.object({
  state: z.string().min(8).max(512),
  nonce: z.string().min(8).max(512),
  codeVerifier: z.string().min(43).max(128),
});
export type PendingLogin = z.infer<typeof pendingLoginSchema>;
export const LOGIN_TTL_S = 10 * 60;

export interface UiRuntime {
  deps: UiDeps;
  clock: () => number;
  sessions: SessionTokens;
  /** The sealed login cookie: it binds the callback to the browser that started the login. */
  logins: SealedKind<PendingLogin>;
  /**
   * Sessions ended by "Sign out" before their expiry (as `signIn` revocations): session cookies are
   * stateless, so a copied cookie would otherwise outlive the logout. In memory; the session lifetime
   * bounds what a restart forgets.
   */
  revoked: Ledger;
  /** `session` is scoped to /ui, `login` only to the callback path. */
  cookies: CookieJar<'session' | 'login'>;
  styleHref: string;
  styleEtag: string;
}

export function createUiRuntime(deps: UiDeps): UiRuntime {
  const clock = deps.clock ?? Date.now;
  const hash = stylesheetHash();
  return {
    deps,
    clock,
    sessions: createSessionTokens({ keys: deps.keys, publicUrl: deps.config.publicUrl, clock }),
    logins: createSealedKind({
      keys: deps.keys,
      purpose: 'uiLogin',
      envelope: {
        typ: 'ui-login+jwt',
        issuer: deps.config.publicUrl,
        audience: `${deps.config.publicUrl}${CALLBACK_PATH}`,
        label: 'dashboard sign-in',
      },
      ttlSec: LOGIN_TTL_S,
      schema: pendingLoginSchema,
      clock,
    }),
    revoked: createLedger({ clock, maxEntries: 100_000 }),
    cookies: createCookieJar(deps.config.publicUrl.startsWith('https://'), {
      session: { name: 'img_ui_session', path: UI_BASE, maxAgeSec: SESSION_TTL_S },
      login: { name: 'img_ui_login', path: CALLBACK_PATH, maxAgeSec: LOGIN_TTL_S },
    }),
    styleHref: stylesheetHref(hash),
    styleEtag: `"${hash}"`,
  };
}
