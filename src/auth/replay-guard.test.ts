import { describe, expect, it } from 'vitest';
import { createExpiringSet } from './replay-guard.js';

describe('expiring id set', () => {
  it('accepts an id once and reports the replay', () => {
    const set = createExpiringSet(() => 1_000_000);
    expect(set.add('code-1', 2000)).toBe(true);
    expect(set.add('code-1', 2000)).toBe(false);
    expect(set.has('code-1')).toBe(true);
    expect(set.has('code-2')).toBe(false);
  });

  it('forgets an id once the token it stands for has expired', () => {
    let now = 1_000_000;
    const set = createExpiringSet(() => now);
    set.add('code-1', 1010);
    now = 1_011_000;
    expect(set.has('code-1')).toBe(false);
    expect(set.add('code-1', 2000)).toBe(true);
  });

  it('stays within its size bound by dropping expired ids first', () => {
    let now = 0;
    const set = createExpiringSet(() => now, { maxSize: 3 });
    set.add('old', 1);
    set.add('a', 100);
    set.add('b', 100);
    now = 2000;
    set.add('c', 100);
    expect(['a', 'b', 'c'].map((id) => set.has(id))).toEqual([true, true, true]);
    expect(set.has('old')).toBe(false);
  });

  it('never evicts a live id: when full, it refuses the new one with temporarily_unavailable', () => {
    const set = createExpiringSet(() => 0, { maxSize: 2 });
    set.add('spent-1', 100);
    set.add('spent-2', 100);
    expect(() => set.add('spent-3', 100)).toThrow(
      expect.objectContaining({
        status: 503,
        details: { oauthError: 'temporarily_unavailable', retryAfterSec: 60 },
        message: expect.stringContaining('issues no new ones until some expire'),
      }),
    );
    expect(set.has('spent-1')).toBe(true);
    expect(set.add('spent-1', 100)).toBe(false);
    expect(set.has('spent-3')).toBe(false);
  });

  it('takes new ids again once live ones expire', () => {
    let now = 0;
    const set = createExpiringSet(() => now, { maxSize: 1 });
    set.add('a', 10);
    expect(() => set.add('b', 100)).toThrow();
    now = 11_000;
    expect(set.add('b', 100)).toBe(true);
  });

  it('keeps a revocation past its bound when told to grow, and says it is full', () => {
    const set = createExpiringSet(() => 0, { maxSize: 1, whenFull: 'grow' });
    set.add('family-1', 100);
    expect(set.isFull()).toBe(true);
    expect(set.add('family-2', 100)).toBe(true);
    expect([set.has('family-1'), set.has('family-2')]).toEqual([true, true]);
  });

  it('starts from the ids it is given, keeps them past its bound, and still refuses their replay', () => {
    const set = createExpiringSet(() => 0, {
      maxSize: 1,
      initial: [
        ['a', 10],
        ['b', 10],
      ],
    });
    expect(set.add('a', 10)).toBe(false);
    expect(set.isFull()).toBe(true);
    expect(() => set.add('c', 10)).toThrow(/as many used tokens/);
  });

  it('reports each id it adds, and lists only live ids for saving', () => {
    let now = 0;
    let changes = 0;
    const set = createExpiringSet(() => now, { initial: [['old', 5]], onChange: () => changes++ });
    set.add('new', 100);
    set.add('new', 100);
    expect(changes).toBe(1);
    now = 6000;
    expect(set.entries()).toEqual([['new', 100]]);
  });
});
