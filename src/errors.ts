// The few error types the application raises. Each carries a stable `code` that tests and transports
// match on, and a message written for the person who will read it. Library errors are translated into
// these at the edge that calls the library (gemini/client, auth/google, images/store), keeping `cause`.

export type ErrorCode =
  | 'invalid_argument'
  | 'access_denied'
  | 'budget_exceeded'
  | 'not_found'
  | 'config'
  | 'gemini_blocked'
  | 'gemini_no_image'
  | 'gemini_quota'
  | 'gemini_overloaded'
  | 'gemini_timeout'
  | 'gemini_auth'
  | 'gemini_model_retired'
  | 'gemini_bad_request'
  | 'gemini_unavailable'
  | 'shutting_down'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_token'
  | 'invalid_target'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'internal';

export interface AppErrorOptions {
  status?: number;
  cause?: unknown;
  /** Extra machine-readable facts (never secrets), e.g. a retry delay. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? defaultStatus(code);
    this.details = options.details ?? {};
  }
}

function defaultStatus(code: ErrorCode): number {
  switch (code) {
    case 'invalid_argument':
      return 400;
    case 'access_denied':
    case 'budget_exceeded':
      return 403;
    case 'invalid_grant':
    case 'invalid_target':
      return 400;
    case 'invalid_client':
    case 'invalid_token':
      return 401;
    case 'rate_limited':
      return 429;
    case 'upstream_unavailable':
      return 502;
    case 'not_found':
      return 404;
    case 'gemini_quota':
      return 429;
    case 'gemini_overloaded':
    case 'gemini_unavailable':
    case 'shutting_down':
      return 503;
    case 'gemini_timeout':
      return 504;
    default:
      return 500;
  }
}

/** Shorthand for the most common failure: the caller sent something we cannot accept. */
export function invalidArgument(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('invalid_argument', message, details === undefined ? {} : { details });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
