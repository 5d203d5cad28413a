import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { isDailyQuota, parseErrorBody, retryDelayOf, translateGeminiError } from './errors.js';

const context = { modelId: 'gemini-3-pro-image', envVar: 'IMG_MODEL_PRO', timeoutMs: 300_000 };

/** The error the SDK throws for a non-2xx answer: the JSON body, stringified, as the message. */
const apiError = (status: number, body: unknown) =>
  new ApiError({ status, message: typeof body === 'string' ? body : JSON.stringify(body) });
const envelope = (code: number, status: string, message: string, details?: unknown[]) => ({
  error: { code, message, status, ...(details === undefined ? {} : { details }) },
});

const KEY_INVALID = envelope(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'API_KEY_INVALID',
    domain: 'googleapis.com',
  },
]);
const quota = (limit: number, quotaId: string, retryDelay: string) =>
  envelope(
    429,
    'RESOURCE_EXHAUSTED',
    `You exceeded your current quota.\n* Quota exceeded for metric: x, limit: ${limit}, model: gemini-3-pro-image\nPlease retry in 32.874398369s.`,
    [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'x', quotaId }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ],
  );
const HTML_502 = JSON.stringify({
  error: {
    message: '<html><title>Error 502</title><p>Bad gateway</p></html>',
    code: 502,
    status: 'Bad Gateway',
  },
});

describe('translateGeminiError — HTTP answers', () => {
  it.each([
    [
      '400 API_KEY_INVALID',
      apiError(400, KEY_INVALID),
      'gemini_auth',
      /GEMINI_API_KEY is missing or invalid/,
    ],
    [
      '403 unregistered caller',
      apiError(403, envelope(403, 'PERMISSION_DENIED', 'Method doesn’t allow unregistered callers')),
      'gemini_auth',
      /GEMINI_API_KEY/,
    ],
    [
      '404 retired model',
      apiError(
        404,
        envelope(404, 'NOT_FOUND', 'models/gemini-3-pro-image is not found for API version v1beta'),
      ),
      'gemini_model_retired',
      /"gemini-3-pro-image".*set IMG_MODEL_PRO to a current model id/s,
    ],
    [
      '400 other',
      apiError(400, envelope(400, 'INVALID_ARGUMENT', 'Unable to process input image')),
      'gemini_bad_request',
      /rejected the request \(HTTP 400: "Unable to process input image"\)/,
    ],
    [
      '400 region',
      apiError(400, envelope(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.')),
      'gemini_bad_request',
      /User location is not supported/,
    ],
    [
      '503 overloaded',
      apiError(503, envelope(503, 'UNAVAILABLE', 'This model is currently experiencing high demand.')),
      'gemini_overloaded',
      /overloaded right now.*high demand.*try again/s,
    ],
    [
      '500 internal',
      apiError(500, envelope(500, 'INTERNAL', 'An internal error')),
      'gemini_unavailable',
      /HTTP 500/,
    ],
    [
      '504 deadline',
      apiError(504, envelope(504, 'DEADLINE_EXCEEDED', 'Deadline')),
      'gemini_unavailable',
      /HTTP 504/,
    ],
    ['502 html page', apiError(502, HTML_502), 'gemini_unavailable', /HTTP 502: "Error 502 Bad gateway"/],
    ['a body that is not JSON', apiError(500, 'upstream reset'), 'gemini_unavailable', /"upstream reset"/],
  ])('maps %s to %s', (_name, error, code, message) => {
    const translated = translateGeminiError(error, context);
    expect(translated.code).toBe(code);
    expect(translated.message).toMatch(message);
    expect(translated.cause).toBe(error);
  });

  it('records the HTTP status for the retry policy', () => {
    const translated = translateGeminiError(apiError(503, envelope(503, 'UNAVAILABLE', 'busy')), context);
    expect(translated.details).toMatchObject({ httpStatus: 503, googleStatus: 'UNAVAILABLE' });
  });
});

describe('translateGeminiError — quota', () => {
  it('reads the RetryInfo delay of a per-minute quota and tells the user how long to wait', () => {
    const translated = translateGeminiError(
      apiError(429, quota(20, 'GenerateRequestsPerMinute', '2s')),
      context,
    );
    expect(translated.code).toBe('gemini_quota');
    expect(translated.message).toMatch(/rate limit for gemini-3-pro-image was reached.*in about 2 s/);
    expect(translated.details).toMatchObject({ daily: false, retryDelayMs: 2000 });
  });

  it.each([
    ['limit: 0', quota(0, 'GenerateRequestsPerMinute', '32s')],
    ['a PerDay quota id', quota(50, 'GenerateRequestsPerDayPerProjectPerModel-FreeTier', '32s')],
  ])('says a daily quota (%s) resets daily', (_name, body) => {
    const translated = translateGeminiError(apiError(429, body), context);
    expect(translated.code).toBe('gemini_quota');
    expect(translated.message).toMatch(/used up for today.*resets daily/s);
    expect(translated.details).toMatchObject({ daily: true });
  });

  it('handles a bare 429 without delay information', () => {
    const body = envelope(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).');
    const translated = translateGeminiError(apiError(429, body), context);
    expect(translated.message).toMatch(/Try again in a minute/);
    expect(translated.details).toMatchObject({ daily: false, retryDelayMs: undefined });
  });

  it.each([
    [{ message: 'x', details: [{ retryDelay: '58s' }] }, 58_000],
    [{ message: 'x', details: [{ retryDelay: '1.5s' }] }, 1500],
    [{ message: 'Please retry in 32.874398369s.', details: [] }, 32_874],
    [{ message: 'Please retry in 250ms', details: [] }, 250],
    [{ message: 'nothing here', details: [] }, undefined],
  ])('reads the retry delay from %j', (body, expected) => {
    expect(retryDelayOf({ status: undefined, ...body })).toBe(expected);
  });

  it('does not call an ordinary limit a daily one', () => {
    expect(isDailyQuota({ message: 'limit: 10, model: x', status: undefined, details: [] })).toBe(false);
  });
});

describe('translateGeminiError — other failures', () => {
  it('reports an abort as a timeout naming the budget and the env var to raise', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const translated = translateGeminiError(abort, context);
    expect(translated.code).toBe('gemini_timeout');
    expect(translated.message).toMatch(/did not finish within 300 s.*IMG_GEMINI_TIMEOUT_S/s);
  });

  it('reports a refused connection as unavailable and marks it as a network error', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const translated = translateGeminiError(new TypeError('fetch failed', { cause }), context);
    expect(translated.code).toBe('gemini_unavailable');
    expect(translated.message).toMatch(/Could not reach Gemini \(ECONNREFUSED\)/);
    expect(translated.details).toMatchObject({ network: true });
  });

  it('reports a reply that is not JSON as unavailable, not as a network error', () => {
    const translated = translateGeminiError(new SyntaxError('Unexpected end of JSON input'), context);
    expect(translated.code).toBe('gemini_unavailable');
    expect(translated.message).toMatch(/not valid JSON/);
    expect(translated.details.network).toBeUndefined();
  });

  it('passes an AppError through untouched', () => {
    const original = new AppError('gemini_no_image', 'no image');
    expect(translateGeminiError(original, context)).toBe(original);
  });

  it('keeps anything unrecognised as an internal error with its cause', () => {
    const odd = new Error('something odd');
    const translated = translateGeminiError(odd, context);
    expect(translated.code).toBe('internal');
    expect(translated.cause).toBe(odd);
  });
});

describe('parseErrorBody', () => {
  it('falls back to the raw text when the message is not an error envelope', () => {
    expect(parseErrorBody('{"unexpected":true}')).toEqual({
      message: '{"unexpected":true}',
      status: undefined,
      details: [],
    });
  });
});
