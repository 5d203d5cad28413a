// createApp(deps): every route group of the server in one Hono app, with the shared middleware (request
// log, security headers, body limits) and the one HTTP error mapping. Builds nothing itself: all
// services arrive in `deps` (see server.ts), so tests can assemble an app around real temp folders.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type Auth,
  type AuthNetwork,
  type AuthStateStore,
  createAuth,
  type GoogleOidc,
} from './auth/index.js';
import type { KeyRing } from './auth/keys.js';
import {
  type BudgetGuard,
  configuredPeople,
  createBudgetGuard,
  createBudgetPolicy,
  createLedgerSpendSource,
  type SpendSource,
} from './budgets/index.js';
import type { Config } from './config.js';
import { isAppError } from './errors.js';
import type { GeminiClient } from './gemini/index.js';
import { createDownloadRoutes } from './http/download.js';
import { createHealthRoutes } from './http/health.js';
import { createHostGuard } from './http/host-guard.js';
import { createImageRoutes } from './http/images.js';
import { createRequestLog } from './http/request-log.js';
import type { AppEnv } from './http/types.js';
import { type ImageIndex, type ImageStore, type PrefsStore, prepareGenerated } from './images/index.js';
import type { InflightTracker } from './inflight.js';
import type { Logger } from './log.js';
import { createMcpRoutes } from './mcp/route.js';
import type { ModelRegistry } from './models/index.js';
import type { SpendLedger } from './spend/index.js';
import { createSharePages, createUi } from './ui/index.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  registry: ModelRegistry;
  store: ImageStore;
  prefs: PrefsStore;
  index: ImageIndex;
  /** What every image cost, kept when images are deleted. */
  ledger: SpendLedger;
  /** Settles once the index has been built from the files on disk. */
  indexReady?: Promise<void>;
  gemini: GeminiClient;
  keys: KeyRing;
  google: GoogleOidc | undefined;
  /** Where the OAuth replay and revocation records are saved; memory only without it. */
  authState?: AuthStateStore;
  /** Tests only: the network the authorization server fetches client metadata documents through. */
  authNetwork?: AuthNetwork;
  inflight: InflightTracker;
  version: string;
  clock?: () => Date;
  /** How often `generate_image` sends progress notifications; tests shorten it. */
  progressIntervalMs?: number;
}

const MCP_BODY_LIMIT = 1024 * 1024;

export function createApp(deps: AppDeps): { app: Hono<AppEnv>; auth: Auth } {
  const { config, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const auth = createAuth({
    config,
    logger,
    keys: deps.keys,
    google: deps.google,
    state: deps.authState,
    ...deps.authNetwork,
  });
  const spend = createLedgerSpendSource(deps.ledger, deps.index, deps.indexReady);
  const budgets = createBudgets(deps, spend, clock);
  const app = new Hono<AppEnv>();

  app.use('*', createRequestLog(logger));
  app.use('*', async (c, next) => {
    await next();
    // Defaults only: a route group (the dashboard) may have set a policy of its own. `same-origin`, not
    // `no-referrer`: with no-referrer browsers post our own forms with `Origin: null`, which the host guard
    // must refuse; nothing leaves for other sites either way.
    if (!c.res.headers.has('X-Content-Type-Options')) c.header('X-Content-Type-Options', 'nosniff');
    if (!c.res.headers.has('Referrer-Policy')) c.header('Referrer-Policy', 'same-origin');
  });

  app.use('*', createHostGuard(config.publicUrl));
  app.route('/health', createHealthRoutes());
  app.route('/i', createImageRoutes(deps.store));
  app.route('/d', createDownloadRoutes(deps.store, deps.index));
  app.use(
    '/mcp',
    bodyLimit({
      maxSize: MCP_BODY_LIMIT,
      onError: (c) =>
        c.json(
          { error: 'too_large', message: 'The request body is larger than this endpoint accepts (1 MiB).' },
          413,
        ),
    }),
  );
  app.route(
    '/mcp',
    createMcpRoutes(
      {
        registry: deps.registry,
        gemini: deps.gemini,
        store: deps.store,
        prefs: deps.prefs,
        index: deps.index,
        records: deps.index,
        indexReady: deps.indexReady,
        ledger: deps.ledger,
        access: auth.access,
        budgets,
        spend,
        knownPeople: configuredPeople(config),
        prepareImage: prepareGenerated,
        inflight: deps.inflight,
        logger,
        clock,
        publicUrl: config.publicUrl,
        progressIntervalMs: deps.progressIntervalMs ?? 5000,
        version: deps.version,
      },
      auth.requireMcpCaller,
    ),
  );
  const indexReady = deps.indexReady;
  if (indexReady !== undefined)
    for (const path of ['/ui/*', '/v/*'])
      app.use(path, async (_c, next) => {
        await indexReady;
        await next();
      });
  app.route(
    '/v',
    createSharePages({ publicUrl: config.publicUrl, registry: deps.registry, records: deps.index }),
  );
  app.route(
    '/ui',
    createUi({
      config,
      logger,
      keys: deps.keys,
      google: deps.google,
      access: auth.access,
      index: deps.index,
      spend: deps.ledger,
      prefs: deps.prefs,
      store: deps.store,
      registry: deps.registry,
      budgets,
      clock: () => clock().getTime(),
    }),
  );
  app.route('/', auth.routes);

  app.notFound((c) => c.json({ error: 'not_found', message: 'Nothing is served at this address.' }, 404));
  app.onError((error, c) => {
    if (isAppError(error) && error.status < 500) {
      return c.json({ error: error.code, message: error.message }, error.status as 400);
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json(
      { error: 'internal', message: 'The server hit an unexpected error. Try again later.' },
      500,
    );
  });
  return { app, auth };
}

/** One guard per process: the amounts it holds for generations in flight live in its memory. */
function createBudgets(deps: AppDeps, spend: SpendSource, clock: () => Date): BudgetGuard {
  return createBudgetGuard({
    policy: createBudgetPolicy(deps.config.budgets),
    spend,
    clock,
    admins: deps.config.adminEmails,
  });
}
