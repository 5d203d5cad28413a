// Refresh-token rotation with one entry per sign-in rather than one per refresh: every refresh token
// carries its family (the sign-in) and a generation number, and the server remembers only the newest
// generation it issued for each family. Presenting any other generation is a replay, which revokes the
// family. Memory grows with sign-ins (each needs a person at Google's page), not with refreshes.
//
// After a restart the table is empty and the first refresh of each family is accepted as it comes (the
// same limit as every other in-memory guard here, documented in docs/connect-clients.md). A table full of
// live sign-ins refuses new ones (503, nothing spent) rather than forgetting a live entry.
import { serverBusy } from './oauth-response.js';

export interface RefreshFamilies {
  /** 'replayed' when this server issued a newer generation of `family` than `generation`. */
  check(family: string, generation: number): 'current' | 'replayed';
  /** Throws temporarily_unavailable when a new family could not be recorded; call before spending a code. */
  assertRoomFor(family: string): void;
  /** Records `generation` as the newest of `family` until `expiresAtSec`. */
  advance(family: string, generation: number, expiresAtSec: number): void;
  readonly size: number;
}

const FULL_RETRY_AFTER_SEC = 60;

export function createRefreshFamilies(clock: () => number, maxSize = 100_000): RefreshFamilies {
  const newest = new Map<string, { generation: number; expiresAtSec: number }>();
  const nowSec = () => clock() / 1000;
  const live = (family: string) => {
    const entry = newest.get(family);
    return entry !== undefined && entry.expiresAtSec > nowSec() ? entry : undefined;
  };
  const pruneExpired = () => {
    const now = nowSec();
    for (const [family, entry] of newest) if (entry.expiresAtSec <= now) newest.delete(family);
  };
  return {
    check(family, generation) {
      const entry = live(family);
      return entry === undefined || entry.generation === generation ? 'current' : 'replayed';
    },
    assertRoomFor(family) {
      if (newest.has(family) || newest.size < maxSize) return;
      pruneExpired();
      if (newest.size >= maxSize)
        throw serverBusy(
          'The server is tracking as many sign-ins as it can; try again in a minute.',
          FULL_RETRY_AFTER_SEC,
        );
    },
    advance(family, generation, expiresAtSec) {
      newest.set(family, { generation, expiresAtSec });
    },
    get size() {
      return newest.size;
    },
  };
}
