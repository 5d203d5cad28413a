// A fixed-window counter keyed by whatever the route chooses, and the limits the OAuth routes use. In
// memory, bounded in size; the clock is injected so tests can move time.
//
// Why the limits are shaped this way. Never per IP: every Claude.ai user arrives from Anthropic's shared
// egress addresses. Never per client id as the request *claims* it either: Claude's metadata-document id
// is public and shared by all Claude users, and Claude's dynamic registration yields one id for all of
// them too, so a bucket keyed by a claimed id lets anyone lock every Claude user out with junk requests.
// The rule: a request that fails client authentication or grant validation consumes no bucket that a
// legitimate user depends on. Hence:
// - /register, /authorize and /token each have one global cap, purely to protect the CPU. The first two
//   are cheap and stateless (no per-id bucket at all); the cap sits far above any real load.
// - /token counts per grant only after the client authenticated and the grant verified: a refresh per
//   refresh family (one sign-in); a code per client id when that id is one of our signed (DCR) ids, which
//   keeps limits keyed by client for registered clients; otherwise per code family. Forging a request
//   that reaches these buckets takes a valid code with its PKCE verifier, or a valid refresh token.

/** Requests per minute, and how many live entries the ledger holds. */
export interface AuthLimits {
  registerPerMinute: number;
  authorizePerMinute: number;
  tokenPerMinute: number;
  codesPerClientPerMinute: number;
  grantsPerFamilyPerMinute: number;
  /** Live entries the ledger holds at once: spent codes, sign-ins and revocations (ledger.ts). */
  trackedEntries: number;
}

export const AUTH_LIMITS: Readonly<AuthLimits> = Object.freeze({
  registerPerMinute: 3000,
  authorizePerMinute: 3000,
  tokenPerMinute: 6000,
  codesPerClientPerMinute: 120,
  // A well-behaved client refreshes about once an hour.
  grantsPerFamilyPerMinute: 30,
  trackedEntries: 200_000,
});

export interface RateLimiter {
  /** Counts one request for `key`; when over the limit, says how long to wait. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSec: number };
}

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  clock: () => number;
  /** Keys remembered at once; the oldest windows are dropped beyond it. */
  maxKeys?: number;
}

export function createRateLimiter({
  limit,
  windowMs,
  clock,
  maxKeys = 10_000,
}: RateLimiterOptions): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const now = clock();
      let window = windows.get(key);
      if (window === undefined || now - window.start >= windowMs) {
        windows.delete(key);
        window = { start: now, count: 0 };
        windows.set(key, window);
        if (windows.size > maxKeys) dropOldest(windows, windows.size - maxKeys);
      }
      window.count += 1;
      if (window.count <= limit) return { allowed: true };
      return {
        allowed: false,
        retryAfterSec: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
      };
    },
  };
}

function dropOldest(windows: Map<string, unknown>, count: number): void {
  for (const key of windows.keys()) {
    if (count-- <= 0) return;
    windows.delete(key);
  }
}
