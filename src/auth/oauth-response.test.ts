import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createSilentLogger } from '../log.js';
import {
  clientRedirect,
  describeFailure,
  oauthErrorResponse,
  oauthFailure,
  rateLimited,
  serverBusy,
} from './oauth-response.js';

describe('RFC 6749 error builder', () => {
  it.each([
    [new AppError('invalid_client', 'Unknown client.'), 'invalid_client', 401],
    [new AppError('invalid_grant', 'Code used.'), 'invalid_grant', 400],
    [new AppError('invalid_argument', 'Missing code.'), 'invalid_request', 400],
    [new AppError('invalid_target', 'Wrong resource.'), 'invalid_target', 400],
    [oauthFailure('invalid_argument', 'unsupported_grant_type', 'No.'), 'unsupported_grant_type', 400],
    [rateLimited(7, 'token requests'), 'temporarily_unavailable', 429],
    [serverBusy('Too many tokens held.', 60), 'temporarily_unavailable', 503],
  ])('maps %o to %s with HTTP %i', (error, code, status) => {
    expect(describeFailure(error)).toMatchObject({ error: code, status, description: error.message });
  });

  it('hides the details of unexpected failures', () => {
    expect(describeFailure(new Error('database password is hunter2'))).toEqual({
      error: 'server_error',
      description: 'The server hit an unexpected error; try again later.',
      status: 500,
    });
  });

  it('answers JSON with no-store and Retry-After when rate limited', async () => {
    const app = new Hono();
    app.get('/', (c) => oauthErrorResponse(c, rateLimited(7, 'token requests'), createSilentLogger()));
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
