import { describe, expect, it } from 'vitest';
import { clientSecretFor, issueClientId, verifyClientId, verifyClientSecret } from './client-id.js';
import { createKeyRing } from './keys.js';

const SECRET = '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a';
const OTHER = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d';
const keys = createKeyRing(SECRET);
const registration = {
  redirectUris: ['https://claude.ai/api/mcp/auth_callback'],
  name: 'Claude',
  authMethod: 'none' as const,
};

function tamper(id: string, position: number): string {
  const chars = [...id];
  chars[position] = chars[position] === 'A' ? 'B' : 'A';
  return chars.join('');
}

describe('stateless client ids', () => {
  it('carries the registration and reads it back', () => {
    const id = issueClientId(keys, registration);
    expect(verifyClientId(keys, id)).toEqual({ clientId: id, ...registration });
  });

  it('gives the same id for the same registration (idempotent)', () => {
    expect(issueClientId(keys, registration)).toBe(issueClientId(keys, registration));
  });

  it('stays valid after a restart with the same key', () => {
    const id = issueClientId(keys, registration);
    expect(verifyClientId(createKeyRing(SECRET), id)?.redirectUris).toEqual(registration.redirectUris);
  });

  it('stays valid after the key is rotated, while the old key is kept as previous', () => {
    const id = issueClientId(createKeyRing(OTHER), registration);
    expect(verifyClientId(createKeyRing(SECRET, OTHER), id)).toBeDefined();
    expect(verifyClientId(createKeyRing(SECRET), id)).toBeUndefined();
  });

  it('refuses a tampered client id', () => {
    const id = issueClientId(keys, registration);
    expect(verifyClientId(keys, tamper(id, 10))).toBeUndefined();
    expect(verifyClientId(keys, tamper(id, id.length - 3))).toBeUndefined();
  });

  it('refuses a client id whose redirect URIs were swapped for an attacker’s', () => {
    const id = issueClientId(keys, registration);
    const [prefix, , signature] = id.split('.');
    const forged = Buffer.from(
      JSON.stringify({ v: 1, ru: ['https://evil.example.com/cb'], n: 'Claude', am: 'none' }),
    ).toString('base64url');
    expect(verifyClientId(keys, `${prefix}.${forged}.${signature}`)).toBeUndefined();
  });

  it.each(['', 'random-client', 'isc1.', 'isc1.abc', 'isc1.a.b.c', 'https://claude.ai/oauth/x'])(
    'refuses the foreign id %j',
    (id) => {
      expect(verifyClientId(keys, id)).toBeUndefined();
    },
  );

  it('derives a secret that verifies only for its own client and key', () => {
    const id = issueClientId(keys, { ...registration, authMethod: 'client_secret_post' });
    const secret = clientSecretFor(keys, id);
    expect(verifyClientSecret(keys, id, secret)).toBe(true);
    expect(verifyClientSecret(keys, id, `${secret}x`)).toBe(false);
    expect(verifyClientSecret(keys, issueClientId(keys, registration), secret)).toBe(false);
    expect(verifyClientSecret(createKeyRing(OTHER), id, secret)).toBe(false);
  });
});
