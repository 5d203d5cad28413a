import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../auth/keys.js';
import { createLoginStates, LOGIN_TTL_S } from './login-state.js';

const SECRET = 'a3f1c9e07b5d4a2f8e6c1b9d7a5f3e1c0b8d6a4f2e0c9b7d';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const PENDING = {
  state: 'state-1234567890',
  nonce: 'nonce-1234567890',
  codeVerifier: 'v'.repeat(43),
};

describe('login state cookie', () => {
  it('opens what it sealed, without the verifier showing in the cookie', async () => {
    const states = createLoginStates({ keys: createKeyRing(SECRET), clock: () => T0 });
    const sealed = await states.seal(PENDING);
    expect(sealed).not.toContain(PENDING.codeVerifier);
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('vvvv');
    await expect(states.open(sealed)).resolves.toEqual(PENDING);
  });

  it('refuses a cookie older than the login window', async () => {
    let now = T0;
    const states = createLoginStates({ keys: createKeyRing(SECRET), clock: () => now });
    const sealed = await states.seal(PENDING);
    now = T0 + LOGIN_TTL_S * 1000;
    await expect(states.open(sealed)).resolves.toBeUndefined();
  });

  it('refuses a tampered cookie and one sealed under another secret', async () => {
    const states = createLoginStates({ keys: createKeyRing(SECRET), clock: () => T0 });
    const sealed = await states.seal(PENDING);
    const parts = sealed.split('.');
    const body = parts[3] ?? '';
    const mid = Math.floor(body.length / 2);
    parts[3] = `${body.slice(0, mid)}${body[mid] === 'A' ? 'B' : 'A'}${body.slice(mid + 1)}`;
    await expect(states.open(parts.join('.'))).resolves.toBeUndefined();
    const foreign = createLoginStates({ keys: createKeyRing(`${SECRET}x`), clock: () => T0 });
    await expect(states.open(await foreign.seal(PENDING))).resolves.toBeUndefined();
    await expect(states.open(undefined)).resolves.toBeUndefined();
  });
});
