import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { AppEnv } from '../http/types.js';
import { createSilentLogger } from '../log.js';
import {
  clientRedirect,
  jsonErrorHandler,
  OAuthFailure,
  serverBusy,
  toOAuthFailure,
  tooManyRequests,
} from './oauth-error.js';

describe('the one OAuth error', () => {
  it.each([
    [new OAuthFailure('invalid_client', 'Unknown client.'), 'invalid_client', 401],
    [new OAuthFailure('invalid_grant', 'Code used.'), 'invalid_grant', 400],
    [new AppError('invalid_argument', 'Missing code.'), 'invalid_request', 400],
    [new AppError('invalid_token', 'Expired.'), 'invalid_token', 401],
    [new AppError('upstream_unavailable', 'Google is down.'), 'temporarily_unavailable', 503],
    [tooManyRequests(7, 'token requests'), 'temporarily_unavailable', 429],
    [serverBusy('Too many tokens held.', 60), 'temporarily_unavailable', 503],
  ])('translates %o to %s with HTTP %i', (error, code, status) => {
    expect(toOAuthFailure(error)).toMatchObject({ code, status, message: error.message });
  });

  it('hides the details of unexpected failures', () => {
    expect(toOAuthFailure(new Error('database password is hunter2'))).toMatchObject({
      code: 'server_error',
      message: 'The server hit an unexpected error; try again later.',
      status: 500,
    });
  });

  it('answers a route group in JSON with no-store and Retry-After', async () => {
    const app = new Hono<AppEnv>();
    app.get('/', () => {
      throw tooManyRequests(7, 'token requests');
    });
    app.onError(jsonErrorHandler(createSilentLogger()));
    const response = await app.request('/');
    expect(response.status).toBe(429);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'Too many token requests; try again in 7 s.',
    });
  });

  it('adds iss to every redirect back to the client and keeps its own query', () => {
    const url = new URL(
      clientRedirect('http://localhost:3000/cb?x=1', 'https://img.example.com', {
        code: 'abc',
        state: undefined,
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      code: 'abc',
      iss: 'https://img.example.com',
    });
  });
});
