// Entry point: the only place that reads process.env. Parses the configuration (a bad value stops the
// process with one line per problem), starts the server, and shuts down gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    color: process.stdout.isTTY === true,
  });
  logger.info(
    { event: 'start', mcpUrl: `${config.publicUrl}/mcp`, dashboardUrl: `${config.publicUrl}/ui` },
    `Image Studio MCP: MCP endpoint ${config.publicUrl}/mcp · dashboard ${config.publicUrl}/ui`,
  );
  if (config.authDisabled)
    logger.warn(
      { event: 'auth-disabled' },
      'AUTH IS DISABLED (IMG_AUTH_DISABLED=1): anyone who can reach this port can generate images at your expense. Use this only on your own machine.',
    );
  if (config.demoMode)
    logger.warn(
      { event: 'demo-mode', geminiBaseUrl: config.gemini.baseUrl },
      'DEMO MODE: images come from the fake Gemini server and are synthetic',
    );
  if (config.gemini.apiKey === undefined)
    logger.warn(
      { event: 'no-gemini-key' },
      'GEMINI_API_KEY is not set: generate_image will fail until it is',
    );

  const server = await startServer({ config, logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal, inflight: server.deps.inflight.count }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
