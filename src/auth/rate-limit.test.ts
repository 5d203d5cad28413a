import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

function limiter(limit = 3, maxKeys?: number) {
  let now = 0;
  const rateLimiter = createRateLimiter({
    limit,
    windowMs: 60_000,
    clock: () => now,
    ...(maxKeys === undefined ? {} : { maxKeys }),
  });
  return { rateLimiter, advance: (ms: number) => (now += ms) };
}

describe('per-key rate limiter', () => {
  it('allows up to the limit in a window, then says how long to wait', () => {
    const { rateLimiter, advance } = limiter();
    for (let i = 0; i < 3; i++) expect(rateLimiter.hit('client-a').allowed).toBe(true);
    advance(15_000);
    expect(rateLimiter.hit('client-a')).toEqual({ allowed: false, retryAfterSec: 45 });
  });

  it('counts each client separately', () => {
    const { rateLimiter } = limiter(1);
    expect(rateLimiter.hit('client-a').allowed).toBe(true);
    expect(rateLimiter.hit('client-b').allowed).toBe(true);
    expect(rateLimiter.hit('client-a').allowed).toBe(false);
  });

  it('starts afresh when the window has passed', () => {
    const { rateLimiter, advance } = limiter(1);
    rateLimiter.hit('client-a');
    advance(60_000);
    expect(rateLimiter.hit('client-a').allowed).toBe(true);
  });

  it('forgets the oldest keys beyond its size bound', () => {
    const { rateLimiter } = limiter(1, 2);
    rateLimiter.hit('a');
    rateLimiter.hit('b');
    rateLimiter.hit('c');
    expect(rateLimiter.hit('a').allowed).toBe(true);
    expect(rateLimiter.hit('c').allowed).toBe(false);
  });
});
