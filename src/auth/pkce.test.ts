import { describe, expect, it } from 'vitest';
import { isWellFormedVerifier, s256Challenge, verifyS256 } from './pkce.js';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('computes the challenge of the RFC 7636 example', () => {
    expect(s256Challenge(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('accepts the matching verifier', () => {
    expect(verifyS256(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });

  it.each([
    ['a different verifier', `${RFC_VERIFIER.slice(0, -1)}F`, RFC_CHALLENGE],
    ['the challenge itself as verifier (plain method)', RFC_CHALLENGE, RFC_CHALLENGE],
    ['a too-short verifier', 'short', s256Challenge('short')],
    ['a malformed challenge', RFC_VERIFIER, 'not-a-challenge'],
  ])('refuses %s', (_label, verifier, challenge) => {
    expect(verifyS256(verifier, challenge)).toBe(false);
  });

  it.each([
    ['x'.repeat(42), false],
    ['x'.repeat(43), true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    [`${'x'.repeat(42)}!`, false],
  ])('verifier of %j is well-formed: %s', (verifier, expected) => {
    expect(isWellFormedVerifier(verifier)).toBe(expected);
  });
});
