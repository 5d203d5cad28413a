// In-memory sets of ids that must not be seen twice or are no longer honoured: spent authorization
// codes, spent refresh tokens, revoked tokens and refresh families. Each id is kept only until the token
// it stands for would have expired anyway. Memory only, by design: after a restart a code could be
// replayed inside its two-minute life, and revocations are forgotten (documented in docs/connect-clients.md).

export interface ExpiringSet {
  /** Adds `id` until `expiresAtSec`; false when it was already there (a replay). */
  add(id: string, expiresAtSec: number): boolean;
  has(id: string): boolean;
}

export function createExpiringSet(clock: () => number, maxSize = 100_000): ExpiringSet {
  const entries = new Map<string, number>();
  const nowSec = () => clock() / 1000;
  const prune = () => {
    const now = nowSec();
    for (const [id, expiresAt] of entries) if (expiresAt <= now) entries.delete(id);
    while (entries.size >= maxSize) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  };
  const has = (id: string): boolean => {
    const expiresAt = entries.get(id);
    return expiresAt !== undefined && expiresAt > nowSec();
  };
  return {
    add(id, expiresAtSec) {
      if (has(id)) return false;
      if (entries.size >= maxSize) prune();
      entries.set(id, expiresAtSec);
      return true;
    },
    has,
  };
}
