// Refresh-token rotation with one entry per sign-in rather than one per refresh: every refresh token
// carries its family (the sign-in) and a generation number, and the server remembers only the newest
// generation it issued for each family. Presenting any other generation is a replay, which revokes the
// family. Memory grows with sign-ins (each needs a person at Google's page), not with refreshes.
//
// The table lives in memory; state-store.ts saves it after each change and hands it back at start-up
// (`initial`, `onChange`), so a replay is still caught after a restart. A family the table does not know
// (its entry expired) is accepted as it comes. A table full of live sign-ins refuses new ones (503,
// nothing spent) rather than forgetting a live entry.
import { serverBusy } from './oauth-response.js';

export interface RefreshFamilies {
  /** 'replayed' when this server issued a newer generation of `family` than `generation`. */
  check(family: string, generation: number): 'current' | 'replayed';
  /** Throws temporarily_unavailable when a new family could not be recorded; call before spending a code. */
  assertRoomFor(family: string): void;
  /** Records `generation` as the newest of `family` until `expiresAtSec`. */
  advance(family: string, generation: number, expiresAtSec: number): void;
  readonly size: number;
  /** Every live family with its newest generation, for saving. */
  entries(): FamilyEntry[];
}

export type FamilyEntry = readonly [family: string, generation: number, expiresAtSec: number];

export interface RefreshFamiliesOptions {
  /** Families remembered from before a restart; all kept, even past `maxSize`. */
  initial?: Iterable<FamilyEntry>;
  /** Called after each advance, so the owner can schedule a save. */
  onChange?: () => void;
}

const FULL_RETRY_AFTER_SEC = 60;

export function createRefreshFamilies(
  clock: () => number,
  maxSize = 100_000,
  { initial = [], onChange }: RefreshFamiliesOptions = {},
): RefreshFamilies {
  const newest = new Map<string, { generation: number; expiresAtSec: number }>();
  for (const [family, generation, expiresAtSec] of initial) newest.set(family, { generation, expiresAtSec });
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
      onChange?.();
    },
    get size() {
      return newest.size;
    },
    entries() {
      const now = nowSec();
      return [...newest]
        .filter(([, entry]) => entry.expiresAtSec > now)
        .map(([family, entry]): FamilyEntry => [family, entry.generation, entry.expiresAtSec]);
    },
  };
}
