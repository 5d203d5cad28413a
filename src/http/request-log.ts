// One JSON log line per HTTP request: method, path (never the query string, which can hold OAuth codes),
// status, duration and the caller's e-mail when one was established. Also assigns the request id.
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
