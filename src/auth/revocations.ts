// The deny-list behind /revoke and replay detection. It holds revoked access tokens (by jti) and revoked
// sign-ins (refresh families). Every access token carries its family, so revoking a family also stops
// the access tokens issued for that sign-in, not only its refresh tokens. Memory only, like the spent
// set (docs/connect-clients.md). A revocation is never refused nor dropped; see replay-guard.ts.
import { createExpiringSet } from './replay-guard.js';

export interface TokenRevocations {
  revokeAccessToken(jti: string, untilSec: number): void;
  /** Revokes every token of one sign-in: its refresh tokens and the access tokens issued with them. */
  revokeFamily(family: string, untilSec: number): void;
  isAccessTokenRevoked(jti: string): boolean;
  isFamilyRevoked(family: string): boolean;
  /** Over its size bound: /token issues nothing new until some revocations expire. */
  isFull(): boolean;
}

export function createTokenRevocations(clock: () => number, maxSize?: number): TokenRevocations {
  const ids = createExpiringSet(clock, { whenFull: 'grow', ...(maxSize === undefined ? {} : { maxSize }) });
  // Prefixed so an access-token jti and a family id can never stand for each other.
  return {
    revokeAccessToken(jti, untilSec) {
      ids.add(`at:${jti}`, untilSec);
    },
    revokeFamily(family, untilSec) {
      ids.add(`fam:${family}`, untilSec);
    },
    isAccessTokenRevoked: (jti) => ids.has(`at:${jti}`),
    isFamilyRevoked: (family) => ids.has(`fam:${family}`),
    isFull: () => ids.isFull(),
  };
}
