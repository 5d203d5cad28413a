// Sets of ids that must not be seen twice or are no longer honoured: spent authorization
// codes, revoked tokens and refresh families (refresh-token rotation is tracked per sign-in instead, in
// refresh-families.ts). Each id is kept only until the token it stands for would have expired anyway.
// They live in memory; state-store.ts saves their live entries to the data folder after each change
// and hands them back at start-up (`initial`, `onChange`), so a restart forgets none of them.
//
// A live id is never evicted to make room: forgetting a spent code would let its replay pass, and
// forgetting a revocation would bring a family back. When every slot holds a live id the set either
// refuses the new id (spent codes: the grant that needed it is refused with temporarily_unavailable, so
// nothing is ever issued without its replay record) or keeps it past the bound (revocations, which must
// never be refused; /token stops issuing while the revocation list is over its bound, see isFull). Both
// fail closed: a full set costs availability (503 until entries expire), never safety.
import { serverBusy } from './oauth-response.js';

export interface ExpiringSet {
  /**
   * Adds `id` until `expiresAtSec`; false when it was already there (a replay). A 'refuse' set that is
   * full of live ids throws a temporarily_unavailable AppError instead of adding.
   */
  add(id: string, expiresAtSec: number): boolean;
  has(id: string): boolean;
  /** True when the set holds `maxSize` or more live ids. */
  isFull(): boolean;
  /** Every live id with its expiry, for saving. */
  entries(): ExpiringEntry[];
}

/** An id and the epoch second it stops mattering. */
export type ExpiringEntry = readonly [id: string, expiresAtSec: number];

export interface ExpiringSetOptions {
  maxSize?: number;
  /** What `add` does when every slot holds a live id: throw (the default), or record it anyway. */
  whenFull?: 'refuse' | 'grow';
  /** Ids remembered from before a restart; all kept, even past `maxSize` (a full set fails closed). */
  initial?: Iterable<ExpiringEntry>;
  /** Called after each id added, so the owner can schedule a save. */
  onChange?: () => void;
}

/** How often a full set scans for expired ids again: a full scan per request would cost O(size) each. */
const PRUNE_INTERVAL_MS = 1000;
const FULL_RETRY_AFTER_SEC = 60;

export function createExpiringSet(
  clock: () => number,
  { maxSize = 100_000, whenFull = 'refuse', initial = [], onChange }: ExpiringSetOptions = {},
): ExpiringSet {
  const entries = new Map<string, number>(initial);
  const nowSec = () => clock() / 1000;
  let lastPrune = Number.NEGATIVE_INFINITY;
  const pruneIfFull = () => {
    if (entries.size < maxSize || clock() - lastPrune < PRUNE_INTERVAL_MS) return;
    lastPrune = clock();
    const now = nowSec();
    for (const [id, expiresAt] of entries) if (expiresAt <= now) entries.delete(id);
  };
  const isFull = () => {
    pruneIfFull();
    return entries.size >= maxSize;
  };
  const has = (id: string): boolean => {
    const expiresAt = entries.get(id);
    return expiresAt !== undefined && expiresAt > nowSec();
  };
  return {
    add(id, expiresAtSec) {
      if (has(id)) return false;
      if (isFull() && whenFull === 'refuse')
        throw serverBusy(
          'The server is tracking as many used tokens as it can hold and issues no new ones until some ' +
            `expire; try again in ${FULL_RETRY_AFTER_SEC} s.`,
          FULL_RETRY_AFTER_SEC,
        );
      entries.set(id, expiresAtSec);
      onChange?.();
      return true;
    },
    has,
    isFull,
    entries() {
      const now = nowSec();
      return [...entries].filter(([, expiresAt]) => expiresAt > now);
    },
  };
}
