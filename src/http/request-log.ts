// One JSON log line per HTTP request: method, path (never the query string, which can hold OAuth codes),
// status, duration and the caller's e-mail when one was established. Also assigns the request id.
// Image hits answered from memory (image-fast-path.ts) are the one exception: a line per hit would cost
// more than the hit itself, so they are counted and summed up in one `image hits` line a minute, and
// each one is logged at debug level only.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';
import type { AppEnv } from './types.js';

export function createRequestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    const caller = c.get('caller') as AppEnv['Variables']['caller'] | undefined;
    const viewer = c.get('viewer') as AppEnv['Variables']['viewer'] | undefined;
    logger.info(
      {
        event: 'request',
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        email: caller?.email ?? viewer?.email,
      },
      'request',
    );
  };
}

export interface ImageHitLog {
  hit(status: 200 | 304, bytes: number): void;
  /** Logs what is counted so far (if anything) and stops the timer. */
  close(): void;
}

export function createImageHitLog(logger: Logger, intervalMs = 60_000): ImageHitLog {
  const debug = logger.isLevelEnabled('debug');
  let hits = 0;
  let notModified = 0;
  let bytes = 0;
  const report = () => {
    if (hits === 0) return;
    logger.info({ event: 'image-hits', hits, notModified, bytes, periodMs: intervalMs }, 'image hits');
    hits = 0;
    notModified = 0;
    bytes = 0;
  };
  const timer = setInterval(report, intervalMs);
  timer.unref();
  return {
    hit(status, sent) {
      hits += 1;
      bytes += sent;
      if (status === 304) notModified += 1;
      if (debug) logger.debug({ event: 'image-hit', status, bytes: sent }, 'image hit');
    },
    close() {
      clearInterval(timer);
      report();
    },
  };
}
