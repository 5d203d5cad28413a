// When to try a failed Gemini call again (as Google documents for its image models): transient failures only — a 429 with
// a short delay, 500, 502, 503, 504 and network errors — with exponential backoff and jitter, at most
// three attempts, never past the call's time budget. Refusals, daily quotas and no-image answers are
// final: repeating them costs money or time and gives the same answer. Pure.
import type { AppError } from '../errors.js';

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubled for each further attempt. */
  baseDelayMs: number;
  maxBackoffMs: number;
  /** The longest quota delay worth waiting for inside one request. */
  maxQuotaWaitMs: number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxBackoffMs: 8000,
  maxQuotaWaitMs: 15_000,
  random: Math.random,
};

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);

/**
 * @param attempt the number of attempts made so far (1 after the first failure)
 * @param elapsedMs time spent since the call started
 * @param budgetMs the whole call's time budget
 */
export function retryDecision(
  error: AppError,
  attempt: number,
  elapsedMs: number,
  budgetMs: number,
  policy: Partial<RetryPolicy> = {},
): RetryDecision {
  const rules = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (attempt >= rules.maxAttempts) return { retry: false };
  const delayMs = delayFor(error, attempt, rules);
  if (delayMs === undefined || elapsedMs + delayMs >= budgetMs) return { retry: false };
  return { retry: true, delayMs };
}

function delayFor(error: AppError, attempt: number, rules: RetryPolicy): number | undefined {
  if (error.code === 'gemini_quota') {
    if (error.details.daily === true) return undefined;
    const asked = error.details.retryDelayMs;
    const delay = typeof asked === 'number' ? asked : backoff(attempt, rules);
    return delay <= rules.maxQuotaWaitMs ? delay : undefined;
  }
  if (error.code !== 'gemini_overloaded' && error.code !== 'gemini_unavailable') return undefined;
  const status = error.details.httpStatus;
  const transient =
    error.details.network === true || (typeof status === 'number' && RETRYABLE_STATUSES.has(status));
  return transient ? backoff(attempt, rules) : undefined;
}

/** "Equal jitter": half the exponential delay is fixed, the other half random. */
export function backoff(
  attempt: number,
  rules: Pick<RetryPolicy, 'baseDelayMs' | 'maxBackoffMs' | 'random'>,
) {
  const exponential = Math.min(rules.maxBackoffMs, rules.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * rules.random());
}
