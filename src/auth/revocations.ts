// The deny-list behind /revoke and replay detection. It holds revoked access tokens (by jti) and revoked
// sign-ins (refresh families). Every access token carries its family, so revoking a family also stops
// the access tokens issued for that sign-in, not only its refresh tokens. Saved across restarts like the
// spent set (state-store.ts). A revocation is never refused nor dropped; see replay-guard.ts.
import { createExpiringSet, type ExpiringEntry } from './replay-guard.js';

export interface TokenRevocations {
  revokeAccessToken(jti: string, untilSec: number): void;
  /** Revokes every token of one sign-in: its refresh tokens and the access tokens issued with them. */
  revokeFamily(family: string, untilSec: number): void;
  isAccessTokenRevoked(jti: string): boolean;
  isFamilyRevoked(family: string): boolean;
  /** Over its size bound: /token issues nothing new until some revocations expire. */
  isFull(): boolean;
  /** Every live revocation, for saving. */
  entries(): RevokedEntries;
}

export interface RevokedEntries {
  accessTokens: ExpiringEntry[];
  families: ExpiringEntry[];
}

export interface TokenRevocationsOptions {
  maxSize?: number;
  /** Revocations remembered from before a restart. */
  initial?: RevokedEntries;
  /** Called after each revocation, so the owner can schedule a save. */
  onChange?: () => void;
}

// Prefixed so an access-token jti and a family id can never stand for each other.
const ACCESS = 'at:';
const FAMILY = 'fam:';

export function createTokenRevocations(
  clock: () => number,
  { maxSize, initial, onChange }: TokenRevocationsOptions = {},
): TokenRevocations {
  const prefixed = (prefix: string, list: ExpiringEntry[] = []) =>
    list.map(([id, until]): ExpiringEntry => [`${prefix}${id}`, until]);
  const ids = createExpiringSet(clock, {
    whenFull: 'grow',
    initial: [...prefixed(ACCESS, initial?.accessTokens), ...prefixed(FAMILY, initial?.families)],
    maxSize,
    onChange,
  });
  const unprefixed = (prefix: string) =>
    ids
      .entries()
      .filter(([id]) => id.startsWith(prefix))
      .map(([id, until]): ExpiringEntry => [id.slice(prefix.length), until]);
  return {
    revokeAccessToken(jti, untilSec) {
      ids.add(`${ACCESS}${jti}`, untilSec);
    },
    revokeFamily(family, untilSec) {
      ids.add(`${FAMILY}${family}`, untilSec);
    },
    isAccessTokenRevoked: (jti) => ids.has(`${ACCESS}${jti}`),
    isFamilyRevoked: (family) => ids.has(`${FAMILY}${family}`),
    isFull: () => ids.isFull(),
    entries: () => ({ accessTokens: unprefixed(ACCESS), families: unprefixed(FAMILY) }),
  };
}
