// A dashboard app built the way app.ts builds it (createUi at /ui) over a real store, index and
// prefs in a temp folder, plus a cookie jar that honours Path and Max-Age so app.request() flows behave
// like a browser. Google is a scripted stand-in for auth's GoogleOidc; the browser flows use the real one
// against the fake Google server. Not imported by application code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { createAccessPolicy } from '../../src/auth/index.js';
import { createKeyRing } from '../../src/auth/keys.js';
import { createBudgetPolicy } from '../../src/budgets/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import type { AppEnv } from '../../src/http/types.js';
import {
  createImageIndex,
  createImageStore,
  createPrefsStore,
  type ImageIndex,
  type ImageStore,
  type PrefsStore,
} from '../../src/images/index.js';
import { createLogger } from '../../src/log.js';
import { createModelRegistry } from '../../src/models/index.js';
import { createSpendLedger, type SpendLedger } from '../../src/spend/index.js';
import { createUi } from '../../src/ui/index.js';
import type { Identity, LoginExpectation, OidcLogin } from '../../src/ui/ports.js';

export const TEST_SECRET = '5f0c2a9e8d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c';

export interface Harness {
  app: Hono<AppEnv>;
  root: string;
  config: Config;
  store: ImageStore;
  index: ImageIndex;
  ledger: SpendLedger;
  prefs: PrefsStore;
  google: ScriptedGoogle;
  logs: string[];
  cleanup(): Promise<void>;
}

export async function createHarness(
  options: { env?: Record<string, string>; clock?: () => number } = {},
): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'image-studio-ui-'));
  const config = loadConfig({
    IMG_ROOT: root,
    IMG_PUBLIC_URL: 'http://localhost:8766',
    GOOGLE_OAUTH_CLIENT_ID: 'client-id.apps.example',
    GOOGLE_OAUTH_CLIENT_SECRET: 'client-secret',
    IMG_JWT_SIGNING_KEY: TEST_SECRET,
    IMG_ALLOWED_EMAILS: 'ann@example.com,boss@example.com',
    IMG_ADMIN_EMAILS: 'boss@example.com',
    ...options.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const store = createImageStore({ root, logger });
  await store.init();
  const index = createImageIndex();
  const prefs = createPrefsStore({ root, logger });
  const ledger = createSpendLedger({ root, logger });
  await ledger.open([]);
  const google = createScriptedGoogle();
  const ui = createUi({
    config,
    logger,
    keys: createKeyRing(config.signingKey || TEST_SECRET),
    google: config.authDisabled ? undefined : google,
    access: createAccessPolicy(config),
    index,
    spend: ledger,
    prefs,
    store,
    registry: createModelRegistry({ ids: config.modelIds, prices: config.priceOverrides }),
    budgets: createBudgetPolicy(config.budgets),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const app = new Hono<AppEnv>().route('/ui', ui);
  return {
    app,
    root,
    config,
    store,
    index,
    ledger,
    prefs,
    google,
    logs,
    cleanup: async () => {
      await store.idle();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface ScriptedGoogle extends OidcLogin {
  /** Who the next successful finishLogin returns. */
  nextUser: Identity;
  /** Expectations finishLogin was called with, newest last. */
  seen: LoginExpectation[];
}

/** Issues `https://google.test/auth?…` URLs and accepts a callback whose state matches and code is `good`. */
export function createScriptedGoogle(): ScriptedGoogle {
  let counter = 0;
  const google: ScriptedGoogle = {
    nextUser: { sub: '1', email: 'ann@example.com', emailVerified: true },
    seen: [],
    async startLogin(redirectUri) {
      counter += 1;
      const state = `state-${counter}-abcdefgh`;
      const url = new URL('https://google.test/auth');
      url.search = new URLSearchParams({ redirect_uri: redirectUri, state }).toString();
      return { url: url.href, state, nonce: `nonce-${counter}-abcdefgh`, codeVerifier: 'v'.repeat(43) };
    },
    async finishLogin(callbackUrl, expected) {
      google.seen.push(expected);
      if (callbackUrl.searchParams.get('state') !== expected.state)
        throw new AppError('access_denied', 'State mismatch; start again.');
      if (callbackUrl.searchParams.get('code') !== 'good')
        throw new AppError('access_denied', 'Google refused the sign-in code (invalid_grant); start again.');
      return google.nextUser;
    },
  };
  return google;
}

interface StoredCookie {
  value: string;
  path: string;
}

/** A minimal cookie jar for app.request(): keeps Set-Cookie values, sends them back by path prefix. */
export function createJar() {
  const cookies = new Map<string, StoredCookie>();
  return {
    cookies,
    header(path: string): Record<string, string> {
      const pairs = [...cookies]
        .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
        .map(([name, c]) => `${name}=${c.value}`);
      return pairs.length === 0 ? {} : { cookie: pairs.join('; ') };
    },
    take(response: Response): void {
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
        const gone = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
        if (gone) cookies.delete(name);
        else cookies.set(name, { value, path });
      }
    },
  };
}

export type Jar = ReturnType<typeof createJar>;

/** Sends a request through the app with the jar's cookies and keeps what it sets. */
export async function send(
  harness: Pick<Harness, 'app'>,
  jar: Jar,
  path: string,
  init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Response> {
  const pathname = path.split('?')[0] ?? path;
  const headers: Record<string, string> = { ...jar.header(pathname), ...init.headers };
  let body: string | undefined;
  if (init.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await harness.app.request(`http://localhost:8766${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  jar.take(response);
  return response;
}

/** Signs `email` in through /ui/login and the callback; returns the jar holding the session. */
export async function signIn(harness: Harness, email: string, jar: Jar = createJar()): Promise<Jar> {
  harness.google.nextUser = { sub: email, email, emailVerified: true };
  const login = await send(harness, jar, '/ui/login');
  const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const done = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
  if (done.status !== 303) throw new Error(`sign-in of ${email} failed with HTTP ${done.status}`);
  return jar;
}

/** The CSRF token embedded in a page. */
export function csrfIn(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error('no CSRF token on the page');
  return match[1];
}
