import { describe, expect, it } from 'vitest';
import { createByteCache } from './memory-cache.js';

describe('the byte-bounded image cache', () => {
  it('keeps what fits and returns it', () => {
    const cache = createByteCache<string>(1000);
    cache.set('a', 'A', 100);
    cache.set('b', 'B', 100);
    expect(cache.get('a')).toBe('A');
    expect(cache.bytes).toBe(200);
    expect(cache.entries).toBe(2);
  });

  it('drops the least recently used entries once over budget', () => {
    const cache = createByteCache<string>(800);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, key.toUpperCase(), 100);
    cache.get('a');
    for (const key of ['e', 'f', 'g', 'h', 'i']) cache.set(key, key.toUpperCase(), 100);
    expect(cache.bytes).toBeLessThanOrEqual(800);
    expect(cache.get('a')).toBe('A');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('i')).toBe('I');
  });

  it('never keeps a value larger than an eighth of the budget', () => {
    const cache = createByteCache<string>(800);
    cache.set('big', 'X', 101);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('forgets a deleted entry and its bytes', () => {
    const cache = createByteCache<string>(800);
    cache.set('a', 'A', 50);
    cache.delete('a');
    cache.delete('never-there');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('keeps nothing with a zero budget', () => {
    const cache = createByteCache<string>(0);
    cache.set('a', 'A', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
