// The one record of ids the authorization server must not forget too early: spent authorization codes,
// the newest refresh generation of each sign-in (rotation: any older generation presented is a replay),
// revoked access tokens and revoked sign-ins. Each entry is kept only until the token it stands for would
// have expired anyway. Its snapshot is exactly what state-store.ts saves, so a restart forgets nothing.
//
// One bound on memory, failing closed: while the ledger holds `maxEntries` live entries no new sign-in
// is accepted (503, nothing spent, so the client may retry), and while revocations have pushed it past
// the bound nothing at all is issued. A live entry is never evicted and a revocation is never refused:
// forgetting either would let a replay or a revoked token through.
import { serverBusy } from './oauth-error.js';
import type { AuthState } from './state-store.js';

export type RevocationKind = 'accessToken' | 'signIn';

export interface Ledger {
  /** Marks a code spent until `untilSec`; false when it already was (a replay). */
  spend(codeId: string, untilSec: number): boolean;
  /** The newest refresh generation issued for a live sign-in. */
  generation(signIn: string): number | undefined;
  advance(signIn: string, generation: number, untilSec: number): void;
  revoke(kind: RevocationKind, id: string, untilSec: number): void;
  isRevoked(kind: RevocationKind, id: string): boolean;
  /** Throws 503 unless a new sign-in (a spent code and its first generation) fits under the bound. */
  assertRoomForSignIn(): void;
  /** Throws 503 while revocations hold the ledger past its bound: nothing new is issued then. */
  assertNotOverfull(): void;
  /** Every live entry, as the state file keeps them. */
  snapshot(): AuthState;
}

export interface LedgerOptions {
  clock: () => number;
  maxEntries: number;
  /** Entries remembered from before a restart; all kept, even past the bound. */
  initial?: AuthState;
  /** Called after each change, so the owner can schedule a save. */
  onChange?: () => void;
}

/** How often a full ledger scans for expired entries: a scan per request would cost O(size) each. */
const PRUNE_INTERVAL_MS = 1000;
const RETRY_AFTER_SEC = 60;

export function createLedger({ clock, maxEntries, initial, onChange }: LedgerOptions): Ledger {
  const spent = new Map<string, number>(initial?.spentCodes);
  const accessToken = new Map<string, number>(initial?.revokedAccessTokens);
  const signIn = new Map<string, number>(initial?.revokedSignIns);
  const generations = new Map<string, readonly [number, number]>(
    initial?.signIns.map(([id, generation, until]) => [id, [generation, until]]),
  );
  const revoked = { accessToken, signIn };
  const nowSec = () => clock() / 1000;
  const size = () => spent.size + accessToken.size + signIn.size + generations.size;
  let lastPrune = Number.NEGATIVE_INFINITY;
  /** The size, after dropping expired entries if `adding` more would not fit (at most once a second). */
  const sizeAfterPrune = (adding: number) => {
    if (size() + adding <= maxEntries || clock() - lastPrune < PRUNE_INTERVAL_MS) return size();
    lastPrune = clock();
    const now = nowSec();
    for (const table of [spent, accessToken, signIn])
      for (const [id, until] of table) if (until <= now) table.delete(id);
    for (const [id, [, until]] of generations) if (until <= now) generations.delete(id);
    return size();
  };
  const live = (until: number | undefined) => until !== undefined && until > nowSec();
  const changed = () => onChange?.();
  return {
    spend(codeId, untilSec) {
      if (live(spent.get(codeId))) return false;
      spent.set(codeId, untilSec);
      changed();
      return true;
    },
    generation(id) {
      const entry = generations.get(id);
      return entry !== undefined && live(entry[1]) ? entry[0] : undefined;
    },
    advance(id, generation, untilSec) {
      generations.set(id, [generation, untilSec]);
      changed();
    },
    revoke(kind, id, untilSec) {
      revoked[kind].set(id, untilSec);
      changed();
    },
    isRevoked: (kind, id) => live(revoked[kind].get(id)),
    assertRoomForSignIn() {
      if (sizeAfterPrune(2) + 2 > maxEntries)
        throw serverBusy(
          `The server is tracking as many sign-ins as it can; try again in ${RETRY_AFTER_SEC} s.`,
          RETRY_AFTER_SEC,
        );
    },
    assertNotOverfull() {
      if (sizeAfterPrune(0) > maxEntries)
        throw serverBusy(
          'The server holds as many revocations as it can and issues no new tokens until some expire; ' +
            `try again in ${RETRY_AFTER_SEC} s.`,
          RETRY_AFTER_SEC,
        );
    },
    snapshot() {
      const now = nowSec();
      const entries = (table: Map<string, number>) => [...table].filter(([, until]) => until > now);
      return {
        spentCodes: entries(spent),
        revokedAccessTokens: entries(accessToken),
        revokedSignIns: entries(signIn),
        signIns: [...generations]
          .filter(([, [, until]]) => until > now)
          .map(([id, [generation, until]]) => [id, generation, until] as const),
      };
    },
  };
}
