import { describe, expect, it } from 'vitest';
import { createLedger } from './ledger.js';

const T0 = Date.UTC(2026, 5, 1);
function ledgerAt(maxEntries = 10) {
  let now = T0;
  const ledger = createLedger({ clock: () => now, maxEntries });
  return { ledger, advance: (ms: number) => (now += ms), sec: (s: number) => T0 / 1000 + s };
}

describe('the ledger of codes, sign-ins and revocations', () => {
  it('spends a code once, until it would have expired anyway', () => {
    const { ledger, advance, sec } = ledgerAt();
    expect(ledger.spend('code-1', sec(120))).toBe(true);
    expect(ledger.spend('code-1', sec(120))).toBe(false);
    advance(121_000);
    expect(ledger.snapshot().spentCodes).toEqual([]);
  });

  it('remembers only the newest refresh generation of each sign-in', () => {
    const { ledger, sec } = ledgerAt();
    ledger.advance('family', 1, sec(60));
    ledger.advance('family', 2, sec(60));
    expect(ledger.generation('family')).toBe(2);
    expect(ledger.generation('other')).toBeUndefined();
    expect(ledger.snapshot().signIns).toEqual([['family', 2, sec(60)]]);
  });

  it('keeps access-token and sign-in revocations apart', () => {
    const { ledger, sec } = ledgerAt();
    ledger.revoke('signIn', 'same-id', sec(60));
    expect(ledger.isRevoked('signIn', 'same-id')).toBe(true);
    expect(ledger.isRevoked('accessToken', 'same-id')).toBe(false);
  });

  it('refuses a new sign-in when full of live entries, and accepts one again once some expire', () => {
    const { ledger, advance, sec } = ledgerAt(2);
    ledger.spend('code-1', sec(120));
    ledger.advance('code-1', 1, sec(3600));
    expect(() => ledger.assertRoomForSignIn()).toThrow(
      expect.objectContaining({ status: 503, message: expect.stringContaining('as many sign-ins') }),
    );
    advance(3601_000);
    expect(() => ledger.assertRoomForSignIn()).not.toThrow();
  });

  it('never refuses a revocation, and issues nothing while revocations hold it past its bound', () => {
    const { ledger, sec } = ledgerAt(1);
    ledger.revoke('accessToken', 'a', sec(60));
    ledger.revoke('signIn', 'b', sec(60));
    expect(ledger.isRevoked('accessToken', 'a') && ledger.isRevoked('signIn', 'b')).toBe(true);
    expect(() => ledger.assertNotOverfull()).toThrow(expect.objectContaining({ status: 503 }));
  });

  it('starts from a saved snapshot and reports each change', () => {
    const { ledger, sec } = ledgerAt();
    ledger.spend('code', sec(60));
    ledger.advance('family', 3, sec(60));
    ledger.revoke('accessToken', 'jti', sec(60));
    let changes = 0;
    const restarted = createLedger({
      clock: () => T0,
      maxEntries: 10,
      initial: ledger.snapshot(),
      onChange: () => changes++,
    });
    expect(restarted.snapshot()).toEqual(ledger.snapshot());
    expect(restarted.spend('code', sec(60))).toBe(false);
    restarted.revoke('signIn', 'family', sec(60));
    expect(changes).toBe(1);
  });
});
