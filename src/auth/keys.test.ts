import { describe, expect, it } from 'vitest';
import { createKeyRing, deriveKey, KEY_LABELS, type KeyPurpose } from './keys.js';

const SECRET = '7c1f0e9a4b3d2c1b0a99887766554433221100ffeeddccbbaa';
const PREVIOUS = 'a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f50617';
const PURPOSES = Object.keys(KEY_LABELS) as KeyPurpose[];
const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

describe('HKDF key ring', () => {
  it('gives every purpose its own 32-byte key', () => {
    const ring = createKeyRing(SECRET);
    const keys = PURPOSES.map((purpose) => hex(ring.current(purpose)));
    expect(new Set(keys).size).toBe(PURPOSES.length);
    for (const purpose of PURPOSES) expect(ring.current(purpose)).toHaveLength(32);
  });

  it('uses a distinct label for every purpose', () => {
    expect(new Set(Object.values(KEY_LABELS)).size).toBe(PURPOSES.length);
  });

  it('derives the same keys after a restart with the same secret', () => {
    for (const purpose of PURPOSES)
      expect(hex(createKeyRing(SECRET).current(purpose))).toBe(hex(deriveKey(SECRET, purpose)));
  });

  it('derives different keys from a different secret', () => {
    expect(hex(deriveKey(SECRET, 'accessToken'))).not.toBe(hex(deriveKey(PREVIOUS, 'accessToken')));
  });

  it('signs with the new secret and accepts the previous one after it', () => {
    const ring = createKeyRing(SECRET, PREVIOUS);
    expect(hex(ring.current('refreshToken'))).toBe(hex(deriveKey(SECRET, 'refreshToken')));
    expect(ring.accepted('refreshToken').map(hex)).toEqual([
      hex(deriveKey(SECRET, 'refreshToken')),
      hex(deriveKey(PREVIOUS, 'refreshToken')),
    ]);
  });

  it('accepts only the current key when no previous secret is set', () => {
    expect(createKeyRing(SECRET).accepted('clientId')).toHaveLength(1);
  });
});
