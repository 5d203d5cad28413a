import { describe, expect, it } from 'vitest';
import { createTokenRevocations } from './revocations.js';

describe('token revocations', () => {
  it('keeps access-token ids and sign-in families apart', () => {
    const revoked = createTokenRevocations(() => 0);
    revoked.revokeFamily('same-id', 100);
    expect(revoked.isFamilyRevoked('same-id')).toBe(true);
    expect(revoked.isAccessTokenRevoked('same-id')).toBe(false);
    revoked.revokeAccessToken('other-id', 100);
    expect(revoked.isFamilyRevoked('other-id')).toBe(false);
  });

  it('forgets a revocation once the tokens it covers have expired', () => {
    let now = 0;
    const revoked = createTokenRevocations(() => now);
    revoked.revokeAccessToken('jti-1', 10);
    now = 10_000;
    expect(revoked.isAccessTokenRevoked('jti-1')).toBe(false);
  });

  it('records every revocation past its bound and reports itself full', () => {
    const revoked = createTokenRevocations(() => 0, { maxSize: 1 });
    revoked.revokeFamily('fam-1', 100);
    revoked.revokeFamily('fam-2', 100);
    expect([revoked.isFamilyRevoked('fam-1'), revoked.isFamilyRevoked('fam-2')]).toEqual([true, true]);
    expect(revoked.isFull()).toBe(true);
  });

  it('starts from the revocations it is given and lists them apart again for saving', () => {
    let changes = 0;
    const initial = { accessTokens: [['jti-1', 100] as const], families: [['fam-1', 100] as const] };
    const revoked = createTokenRevocations(() => 0, { initial, onChange: () => changes++ });
    expect([revoked.isAccessTokenRevoked('jti-1'), revoked.isFamilyRevoked('fam-1')]).toEqual([true, true]);
    expect(revoked.isFamilyRevoked('jti-1')).toBe(false);
    revoked.revokeFamily('fam-2', 200);
    expect(changes).toBe(1);
    expect(revoked.entries()).toEqual({
      accessTokens: [['jti-1', 100]],
      families: [
        ['fam-1', 100],
        ['fam-2', 200],
      ],
    });
  });
});
