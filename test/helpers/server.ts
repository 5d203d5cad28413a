// Starts the real server in-process on a free loopback port, with a temp data folder and (unless given)
// its own fake Gemini, exactly as main.ts would from the same environment. Captures the JSON log lines
// so tests can check what was logged. `restart()` keeps the port, folder and environment.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.js';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';

export interface TestServerOptions {
  /** Extra or overriding environment variables. Auth is off unless IMG_AUTH_DISABLED is overridden. */
  env?: Record<string, string | undefined>;
  gemini?: FakeGemini;
  root?: string;
  progressIntervalMs?: number;
  /** Stands in for the network of the authorization server (client metadata documents). */
  authNetwork?: ServerOptions['authNetwork'];
  /** The server's clock (record dates, budget months); the real time when not given. */
  clock?: () => Date;
}

export interface TestServer {
  url: string;
  root: string;
  gemini: FakeGemini;
  env: Record<string, string | undefined>;
  logs: string[];
  running: RunningServer;
  restart(env?: Record<string, string | undefined>): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownGemini = options.gemini === undefined;
  const gemini = options.gemini ?? (await startFakeGemini());
  const ownRoot = options.root === undefined;
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'image-studio-test-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  let env: Record<string, string | undefined> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    IMG_PUBLIC_URL: url,
    IMG_ROOT: root,
    IMG_AUTH_DISABLED: '1',
    GEMINI_API_KEY: 'test-key',
    GEMINI_BASE_URL: gemini.url,
    IMG_GEMINI_TIMEOUT_S: '30',
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const launch = async () => {
    const config = loadConfig(env);
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: config.logLevel, destination });
    return startServer({
      config,
      logger,
      progressIntervalMs: options.progressIntervalMs ?? 200,
      // The fake Google listens on plain http.
      allowInsecureGoogle: true,
      ...(options.authNetwork === undefined ? {} : { authNetwork: options.authNetwork }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
  };
  const handle: TestServer = {
    url,
    root,
    gemini,
    env,
    logs,
    running: await launch(),
    async restart(overrides) {
      await handle.running.close(1000);
      if (overrides !== undefined) env = { ...env, ...overrides };
      handle.env = env;
      handle.running = await launch();
    },
    async stop() {
      await handle.running.close(1000);
      if (ownGemini) await gemini.close();
      if (ownRoot) await rm(root, { recursive: true, force: true });
    },
  };
  return handle;
}

/**
 * Spawns the server entry point as its own process (auth off, on a free loopback port) and resolves once
 * /health answers 200. Used where the process itself is under test: signals, start-up time.
 */
export async function spawnServer(options: {
  entry: string[];
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; msToHealthy: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, options.entry, {
    env: {
      ...process.env,
      IMG_AUTH_DISABLED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      IMG_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = started + (options.timeoutMs ?? 30_000);
  while (performance.now() < deadline && child.exitCode === null) {
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { child, url, exited, msToHealthy: performance.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy (exit code ${child.exitCode})`);
}
