// The one OAuth error: the MCP SDK's OAuthError (an RFC 6749 / 7591 `code` and a description written for
// the client) with the HTTP status and, when waiting helps, a retry delay. Routes throw it; each route
// group has one handler that answers it as `{ error, error_description }` with `Cache-Control: no-store`
// (JSON endpoints) or as a page (browser endpoints). Failures from elsewhere (token checks, Google) are
// translated here once; unknown ones become server_error and are logged, never shown. Also builds the
// redirect back to the client, which always carries `iss` (RFC 9207).
import { OAuthError } from '@modelcontextprotocol/server';
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../errors.js';
import type { AppEnv } from '../http/types.js';
import type { Logger } from '../log.js';

export interface OAuthFailureOptions {
  status?: number;
  retryAfterSec?: number;
  cause?: unknown;
}

export class OAuthFailure extends OAuthError {
  readonly status: number;
  readonly retryAfterSec: number | undefined;
  constructor(code: string, message: string, options: OAuthFailureOptions = {}) {
    super(code, message);
    this.name = 'OAuthFailure';
    if (options.cause !== undefined) this.cause = options.cause;
    this.status = options.status ?? (code === 'invalid_client' ? 401 : 400);
    this.retryAfterSec = options.retryAfterSec;
  }
}

/** A client going too fast (429); `Retry-After` tells it how long to wait. */
export function tooManyRequests(retryAfterSec: number, what: string): OAuthFailure {
  const message = `Too many ${what}; try again in ${retryAfterSec} s.`;
  return new OAuthFailure('temporarily_unavailable', message, { status: 429, retryAfterSec });
}

/** The server at a capacity bound (503): nothing was spent, the client may retry later. */
export function serverBusy(message: string, retryAfterSec: number): OAuthFailure {
  return new OAuthFailure('temporarily_unavailable', message, { status: 503, retryAfterSec });
}

/** Any thrown value as what the client may see. */
export function toOAuthFailure(error: unknown): OAuthFailure {
  if (error instanceof OAuthFailure) return error;
  if (isAppError(error) && error.code === 'upstream_unavailable')
    return new OAuthFailure('temporarily_unavailable', error.message, { status: 503, cause: error });
  if (isAppError(error) && error.status < 500) {
    const code = error.code === 'invalid_argument' ? 'invalid_request' : error.code;
    return new OAuthFailure(code, error.message, { status: error.status, cause: error });
  }
  const message = 'The server hit an unexpected error; try again later.';
  return new OAuthFailure('server_error', message, { status: 500, cause: error });
}

function logFailure(logger: Logger, c: Context, error: unknown, failure: OAuthFailure): void {
  if (failure.code === 'server_error')
    logger.error({ err: error, path: c.req.path }, 'OAuth endpoint failed');
  else
    logger.info({ path: c.req.path, error: failure.code, reason: failure.message }, 'OAuth request refused');
}

/** The handler of the JSON endpoints (/register, /token, /revoke). */
export function jsonErrorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    const failure = toOAuthFailure(error);
    logFailure(logger, c, error, failure);
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    if (failure.retryAfterSec !== undefined) c.header('Retry-After', String(failure.retryAfterSec));
    const body = { error: failure.code, error_description: failure.message };
    return c.json(body, failure.status as ContentfulStatusCode);
  };
}

/** The handler of the browser endpoints: the same translation, shown as a page. */
export function pageErrorHandler(
  logger: Logger,
  render: (c: Context<AppEnv>, status: ContentfulStatusCode, message: string) => Response | Promise<Response>,
): ErrorHandler<AppEnv> {
  return (error, c) => {
    const failure = toOAuthFailure(error);
    logFailure(logger, c, error, failure);
    if (failure.retryAfterSec !== undefined) c.header('Retry-After', String(failure.retryAfterSec));
    return render(c, failure.status as ContentfulStatusCode, failure.message);
  };
}

/** The client's redirect URI with our answer: `code` or `error`, the client's `state`, and `iss`. */
export function clientRedirect(
  redirectUri: string,
  issuer: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  url.searchParams.set('iss', issuer);
  return url.href;
}
