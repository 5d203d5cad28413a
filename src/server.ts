// Builds every service from a Config and serves the app on a port: the composition root shared by
// main.ts and the end-to-end tests (which start the real server in-process on a free port).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type AppDeps, createApp } from './app.js';
import { type AuthNetwork, createGoogleOidc, openAuthStateStore } from './auth/index.js';
import { createKeyRing } from './auth/keys.js';
import type { Config } from './config.js';
import { createGeminiClient } from './gemini/index.js';
import { withImageFastPath } from './http/image-fast-path.js';
import { createImageHitLog } from './http/request-log.js';
import { createImageIndex, createImageStore, createPrefsStore, reconcileDataFolder } from './images/index.js';
import { createInflightTracker } from './inflight.js';
import type { Logger } from './log.js';
import { createModelRegistry } from './models/index.js';
import { createSpendLedger } from './spend/index.js';
import { dashboardHeaderValues } from './ui/index.js';

export const VERSION = '0.1.0';

/** How long a finished response may take to reach its client once shutdown has drained the work. */
const RESPONSE_FLUSH_MS = 3000;

export interface ServerOptions {
  config: Config;
  logger: Logger;
  progressIntervalMs?: number;
  fetch?: typeof fetch;
  /** Tests only: stands in for the network when fetching client metadata documents. */
  authNetwork?: AuthNetwork;
  /** Tests only: lets the fake Google on a loopback address speak plain http. */
  allowInsecureGoogle?: boolean;
  /** The time of day the server lives by (record dates, budget months); tests move it. */
  clock?: () => Date;
}

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  /**
   * Stops accepting connections, waits for generations in flight (up to the grace period), closes, then
   * saves the OAuth replay and revocation records.
   */
  close(graceMs?: number): Promise<void>;
}

export async function buildDeps(options: ServerOptions): Promise<AppDeps> {
  const { config, logger } = options;
  const store = createImageStore({ root: config.root, logger, cacheBytes: config.imageCacheBytes });
  await store.init();
  const registry = createModelRegistry({ ids: config.modelIds, prices: config.priceOverrides });
  for (const notice of registry.notices()) logger.warn({ event: 'model-notice' }, notice);
  await reconcileDataFolder({ root: config.root, logger, registry });
  const index = createImageIndex();
  const ledger = createSpendLedger({ root: config.root, logger });
  const started = performance.now();
  // Built while the server already answers: /health and /mcp do not need it (generations made meanwhile
  // are added and kept), and the dashboard waits for `indexReady` before its first page.
  // The spend ledger opens once the sidecars are known: it adds a line for any image it lacks (all of them
  // on the first start), so spend recorded by the Python original or lost with the ledger file carries over.
  const indexReady = index
    .build(store.scanSidecars())
    .then(
      () =>
        logger.info(
          {
            event: 'index-built',
            images: index.totals().images,
            ms: Math.round(performance.now() - started),
          },
          'image index built from sidecars',
        ),
      (error: unknown) =>
        logger.error({ err: error }, 'could not build the image index; the dashboard shows what it has'),
    )
    .then(() => ledger.open(index.records()))
    .catch((error: unknown) =>
      logger.error({ err: error }, 'could not open the spend ledger; spend totals may be incomplete'),
    );
  return {
    indexReady,
    config,
    logger,
    registry,
    store,
    prefs: createPrefsStore({ root: config.root, logger }),
    index,
    ledger,
    gemini: createGeminiClient({
      apiKey: config.gemini.apiKey,
      baseUrl: config.gemini.baseUrl,
      timeoutMs: config.gemini.timeoutMs,
      logger,
    }),
    // With auth disabled there may be no signing key; a per-process random one still protects CSRF tokens.
    keys: createKeyRing(config.signingKey || randomBytes(32).toString('hex'), config.previousSigningKey),
    google: config.authDisabled
      ? undefined
      : createGoogleOidc({
          issuer: config.google.issuer,
          clientId: config.google.clientId,
          clientSecret: config.google.clientSecret,
          logger,
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
          ...(options.allowInsecureGoogle === true ? { allowInsecureRequests: true } : {}),
        }),
    // Nothing OAuth runs with auth disabled, so there is nothing to save.
    authState: config.authDisabled
      ? undefined
      : await openAuthStateStore({ root: config.root, logger: logger.child({ component: 'auth' }) }),
    inflight: createInflightTracker(),
    version: VERSION,
    ...(options.authNetwork === undefined ? {} : { authNetwork: options.authNetwork }),
    ...(options.progressIntervalMs === undefined ? {} : { progressIntervalMs: options.progressIntervalMs }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const deps = await buildDeps(options);
  const { app, auth } = createApp(deps);
  const { config, logger } = options;
  const hits = createImageHitLog(logger);
  const fastPath = {
    files: deps.store,
    promptOf: (name: string) => deps.index.get(name)?.prompt,
    publicHost: new URL(config.publicUrl).host,
    dashboardHeaders: await dashboardHeaderValues(),
    hits,
  };
  const server = createServer(withImageFastPath(fastPath, getRequestListener(app.fetch)));
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    { event: 'listening', url, publicUrl: config.publicUrl, root: config.root },
    'image studio listening',
  );
  return {
    url,
    port,
    deps,
    async close(graceMs = config.shutdownGraceMs) {
      // Stop accepting connections first; responses already streaming keep their connection.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const drained = await deps.inflight.drain(graceMs);
      if (!drained.finished)
        logger.warn({ remaining: drained.remaining }, 'grace period over; stopping anyway');
      // Give finished generations a moment to write their results, then cut whatever is left.
      const cut = setTimeout(
        () => {
          server.closeAllConnections();
        },
        drained.finished ? RESPONSE_FLUSH_MS : 0,
      );
      await closed;
      clearTimeout(cut);
      // Thumbnails of the last images are written in the background; let them land.
      await deps.store.idle();
      hits.close();
      await auth.flush();
    },
  };
}
