import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../errors.js';
import { backoff, retryDecision } from './retry.js';

const error = (code: ErrorCode, details: Record<string, unknown> = {}) =>
  new AppError(code, 'test failure', { details });
const budget = 300_000;
const fixed = { random: () => 0.5 };

describe('retryDecision', () => {
  it.each([
    ['503 overloaded', error('gemini_overloaded', { httpStatus: 503 })],
    ['500 internal', error('gemini_unavailable', { httpStatus: 500 })],
    ['502 bad gateway', error('gemini_unavailable', { httpStatus: 502 })],
    ['504 deadline', error('gemini_unavailable', { httpStatus: 504 })],
    ['a network error', error('gemini_unavailable', { network: true })],
    ['a bare 429', error('gemini_quota', { daily: false })],
  ])('retries %s after a backoff delay', (_name, failure) => {
    expect(retryDecision(failure, 1, 0, budget, fixed)).toEqual({ retry: true, delayMs: 750 });
  });

  it.each([
    ['a daily quota', error('gemini_quota', { daily: true, retryDelayMs: 2000 })],
    ['a quota that asks for a long wait', error('gemini_quota', { daily: false, retryDelayMs: 40_000 })],
    ['a bad request', error('gemini_bad_request', { httpStatus: 400 })],
    ['a bad key', error('gemini_auth', { httpStatus: 403 })],
    ['a retired model', error('gemini_model_retired', { httpStatus: 404 })],
    ['a safety block', error('gemini_blocked')],
    ['a missing image', error('gemini_no_image')],
    ['a timeout', error('gemini_timeout')],
    ['a reply that is not JSON', error('gemini_unavailable', { malformed: true })],
    ['an internal error', error('internal')],
  ])('never retries %s', (_name, failure) => {
    expect(retryDecision(failure, 1, 0, budget, fixed)).toEqual({ retry: false });
  });

  it('waits exactly the delay Google asks for on a per-minute quota', () => {
    const failure = error('gemini_quota', { daily: false, retryDelayMs: 2000 });
    expect(retryDecision(failure, 1, 0, budget, fixed)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('stops after three attempts in total', () => {
    const failure = error('gemini_overloaded', { httpStatus: 503 });
    expect(retryDecision(failure, 2, 0, budget, fixed).retry).toBe(true);
    expect(retryDecision(failure, 3, 0, budget, fixed)).toEqual({ retry: false });
  });

  it('honours a custom attempt limit', () => {
    const failure = error('gemini_overloaded', { httpStatus: 503 });
    expect(retryDecision(failure, 1, 0, budget, { ...fixed, maxAttempts: 1 })).toEqual({ retry: false });
  });

  it('never waits past the time budget', () => {
    const failure = error('gemini_quota', { daily: false, retryDelayMs: 2000 });
    expect(retryDecision(failure, 1, 8_500, 10_000, fixed)).toEqual({ retry: false });
    expect(retryDecision(failure, 1, 7_000, 10_000, fixed)).toEqual({ retry: true, delayMs: 2000 });
  });
});

describe('backoff', () => {
  const rules = { baseDelayMs: 1000, maxBackoffMs: 8000 };
  it.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [10, 0.999, 7996],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoff(attempt, { ...rules, random: () => random })).toBe(expected);
  });
});
