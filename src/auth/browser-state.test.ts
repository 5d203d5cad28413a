import { describe, expect, it } from 'vitest';
import { type AuthorizationRequest, BROWSER_STATE_TTL_SEC, createBrowserState } from './browser-state.js';
import { createKeyRing } from './keys.js';

const ISSUER = 'https://img.example.com';
const NOW = Date.UTC(2026, 2, 1);
const keys = createKeyRing('9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c');
const request: AuthorizationRequest = {
  clientId: 'isc1.abc',
  clientName: 'Claude',
  redirectUri: 'https://claude.ai/api/mcp/auth_callback',
  redirectUriGiven: true,
  state: 'client-state',
  codeChallenge: 'x'.repeat(43),
  resource: `${ISSUER}/mcp`,
  scope: 'mcp',
  verifiedHost: undefined,
};
const state = (now = NOW) => createBrowserState({ keys, issuer: ISSUER, clock: () => now });

describe('consent form request', () => {
  it('round-trips the validated request', async () => {
    const sealed = await state().sealRequest(request);
    expect(await state().openRequest(sealed)).toEqual(request);
  });

  it('expires after ten minutes', async () => {
    const sealed = await state().sealRequest(request);
    await expect(state(NOW + (BROWSER_STATE_TTL_SEC + 1) * 1000).openRequest(sealed)).rejects.toMatchObject({
      code: 'invalid_token',
      message: 'The consent form has expired.',
    });
  });

  it('cannot be passed off as a login transaction, nor the reverse', async () => {
    const sealed = await state().sealRequest(request);
    await expect(state().openLogin(sealed)).rejects.toMatchObject({ code: 'invalid_token' });
    const login = await state().sealLogin({ ...request, googleState: 'g', nonce: 'n', codeVerifier: 'v' });
    await expect(state().openRequest(login)).rejects.toMatchObject({ code: 'invalid_token' });
  });
});

describe('login transaction cookie', () => {
  it('carries our Google state, nonce and verifier with the request', async () => {
    const login = {
      ...request,
      state: undefined,
      googleState: 'g-state',
      nonce: 'n-once',
      codeVerifier: 'v'.repeat(43),
    };
    const sealed = await state().sealLogin(login);
    expect(sealed).not.toContain('g-state');
    expect(await state().openLogin(sealed)).toEqual(login);
  });
});

describe('consent CSRF token', () => {
  it('accepts the token made for this browser and this request', async () => {
    const sealed = await state().sealRequest(request);
    const token = state().csrfToken('binding-1', sealed);
    expect(state().checkCsrf('binding-1', sealed, token)).toBe(true);
  });

  it.each([
    ['another browser', 'binding-2', 'same'],
    ['another request', 'binding-1', 'other'],
  ])('refuses a token replayed from %s', async (_label, binding, which) => {
    const sealed = await state().sealRequest(request);
    const other = await state().sealRequest({ ...request, clientId: 'isc1.other' });
    const token = state().csrfToken('binding-1', sealed);
    expect(state().checkCsrf(binding, which === 'same' ? sealed : other, token)).toBe(false);
  });

  it('refuses an empty token', async () => {
    const sealed = await state().sealRequest(request);
    expect(state().checkCsrf('binding-1', sealed, '')).toBe(false);
  });
});
