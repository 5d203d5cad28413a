// A fixed-window counter keyed by whatever the route chooses (the client id, never the IP: every
// Claude.ai user arrives from Anthropic's shared egress addresses). In memory, bounded in size; the clock
// is injected so tests can move time.

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
