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

  it('stays within its size bound, dropping expired ids first', () => {
    let now = 0;
    const set = createExpiringSet(() => now, 3);
    set.add('old', 1);
    set.add('a', 100);
    set.add('b', 100);
    now = 2000;
    set.add('c', 100);
    expect(['a', 'b', 'c'].map((id) => set.has(id))).toEqual([true, true, true]);
    expect(set.has('old')).toBe(false);
  });
});
