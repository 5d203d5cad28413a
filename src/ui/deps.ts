// What createUi() needs from the rest of the server (UiDeps), and the runtime pieces built once from it:
// token codecs, cookie settings and the stylesheet link. Route files receive the runtime, never globals.
import type { KeyRing } from '../auth/keys.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ModelRegistry } from '../models/index.js';
import { createLoginStates, type LoginStates } from './login-state.js';
import { UI_BASE } from './paths.js';
import type {
  BudgetLookup,
  DashboardAccess,
  DefaultModelPrefs,
  GalleryIndex,
  OidcLogin,
  SpendSource,
  ThumbnailSource,
} from './ports.js';
import { createRevocationList, type RevocationList } from './revocations.js';
import { createSessionTokens, SESSION_TTL_S, type SessionTokens } from './session.js';
import { stylesheetHash } from './styles.js';

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

export interface CookieSettings {
  secure: boolean;
  sessionName: string;
  loginName: string;
}

export interface UiRuntime {
  deps: UiDeps;
  clock: () => number;
  sessions: SessionTokens;
  logins: LoginStates;
  revoked: RevocationList;
  cookies: CookieSettings;
  styleHref: string;
  styleEtag: string;
  sessionTtlSeconds: number;
}

export function createUiRuntime(deps: UiDeps): UiRuntime {
  const clock = deps.clock ?? Date.now;
  const hash = stylesheetHash();
  return {
    deps,
    clock,
    sessions: createSessionTokens({ keys: deps.keys, publicUrl: deps.config.publicUrl, clock }),
    logins: createLoginStates({ keys: deps.keys, clock }),
    revoked: createRevocationList(clock),
    cookies: {
      secure: deps.config.publicUrl.startsWith('https://'),
      sessionName: 'img_ui_session',
      loginName: 'img_ui_login',
    },
    styleHref: `${UI_BASE}/style.css?v=${hash}`,
    styleEtag: `"${hash}"`,
    sessionTtlSeconds: SESSION_TTL_S,
  };
}
