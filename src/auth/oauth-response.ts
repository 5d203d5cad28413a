// The one RFC 6749 error builder. Every OAuth endpoint answers failures as `{ error, error_description }`
// with `Cache-Control: no-store`, translated here from AppError codes (a more specific RFC code may ride
// in `details.oauthError`). Unknown failures become a generic server_error and are logged, never shown.
// Also builds the redirect back to the client, which always carries `iss` (RFC 9207).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, isAppError } from '../errors.js';
import type { Logger } from '../log.js';

const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_token',
  'invalid_target',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_redirect_uri',
  'invalid_client_metadata',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

function isOAuthErrorCode(value: unknown): value is OAuthErrorCode {
  return OAUTH_ERROR_CODES.some((code) => code === value);
}

const FROM_APP_CODE: Partial<Record<ErrorCode, OAuthErrorCode>> = {
  invalid_argument: 'invalid_request',
  invalid_client: 'invalid_client',
  invalid_grant: 'invalid_grant',
  invalid_token: 'invalid_token',
  invalid_target: 'invalid_target',
  access_denied: 'access_denied',
  rate_limited: 'temporarily_unavailable',
  upstream_unavailable: 'temporarily_unavailable',
};

/** An AppError that names a specific RFC 6749 / 7591 error code. */
export function oauthFailure(
  code: ErrorCode,
  oauthError: OAuthErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(code, message, { details: { ...details, oauthError } });
}

/** A refused request from a client that is going too fast; `Retry-After` tells it how long to wait. */
export function rateLimited(retryAfterSec: number, what: string): AppError {
  return oauthFailure(
    'rate_limited',
    'temporarily_unavailable',
    `Too many ${what}; try again in ${retryAfterSec} s.`,
    {
      retryAfterSec,
    },
  );
}

/**
 * A request refused because the server is at a capacity bound (503 temporarily_unavailable). Unlike an
 * unexpected failure, its message is shown: it tells the client what happened and when to retry.
 */
export function serverBusy(message: string, retryAfterSec: number): AppError {
  return new AppError('internal', message, {
    status: 503,
    details: { oauthError: 'temporarily_unavailable', retryAfterSec },
  });
}

export interface OAuthProblem {
  error: OAuthErrorCode;
  description: string;
  status: number;
}

/** Maps any thrown value to the error, description and status an OAuth client should see. */
export function describeFailure(error: unknown): OAuthProblem {
  if (!isAppError(error) || (error.status >= 500 && !isDeliberateOutage(error)))
    return {
      error: 'server_error',
      description: 'The server hit an unexpected error; try again later.',
      status: 500,
    };
  const specific = error.details.oauthError;
  const code = isOAuthErrorCode(specific) ? specific : FROM_APP_CODE[error.code];
  return { error: code ?? 'invalid_request', description: error.message, status: error.status };
}

/** A 5xx we raised on purpose, whose message is meant for the client. */
function isDeliberateOutage(error: AppError): boolean {
  return error.code === 'upstream_unavailable' || error.details.oauthError === 'temporarily_unavailable';
}

export function oauthErrorResponse(c: Context, error: unknown, logger: Logger): Response {
  const problem = describeFailure(error);
  if (problem.status >= 500) logger.error({ err: error, path: c.req.path }, 'OAuth endpoint failed');
  else
    logger.info(
      { path: c.req.path, error: problem.error, reason: problem.description },
      'OAuth request refused',
    );
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  if (isAppError(error) && typeof error.details.retryAfterSec === 'number')
    c.header('Retry-After', String(error.details.retryAfterSec));
  return c.json(
    { error: problem.error, error_description: problem.description },
    problem.status as ContentfulStatusCode,
  );
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
