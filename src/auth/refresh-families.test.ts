import { describe, expect, it } from 'vitest';
import { createRefreshFamilies } from './refresh-families.js';

describe('refresh-token rotation per sign-in', () => {
  it('accepts only the newest generation of a family', () => {
    const families = createRefreshFamilies(() => 0);
    families.advance('fam', 1, 100);
    expect(families.check('fam', 1)).toBe('current');
    families.advance('fam', 2, 100);
    expect(families.check('fam', 2)).toBe('current');
    expect(families.check('fam', 1)).toBe('replayed');
  });

  it('keeps one entry per sign-in however often it refreshes', () => {
    const families = createRefreshFamilies(() => 0);
    for (let generation = 1; generation <= 1000; generation += 1) families.advance('fam', generation, 100);
    expect(families.size).toBe(1);
  });

  it('accepts a family it does not know and any family once it expired', () => {
    let now = 0;
    const families = createRefreshFamilies(() => now);
    expect(families.check('unknown', 7)).toBe('current');
    families.advance('fam', 3, 10);
    now = 11_000;
    expect(families.check('fam', 1)).toBe('current');
  });

  it('refuses a new sign-in when full of live ones, but never forgets a live one', () => {
    let now = 0;
    const families = createRefreshFamilies(() => now, 2);
    families.advance('a', 1, 100);
    families.advance('b', 1, 5);
    expect(() => families.assertRoomFor('c')).toThrow(/as many sign-ins/);
    expect(() => families.assertRoomFor('a')).not.toThrow();
    now = 6000;
    expect(() => families.assertRoomFor('c')).not.toThrow();
    expect(families.check('a', 0)).toBe('replayed');
  });

  it('catches a replay of a family it was given at start-up, and lists live families for saving', () => {
    let now = 0;
    let changes = 0;
    const families = createRefreshFamilies(() => now, 10, {
      initial: [
        ['kept', 4, 100],
        ['gone', 2, 5],
      ],
      onChange: () => changes++,
    });
    expect(families.check('kept', 3)).toBe('replayed');
    families.advance('kept', 5, 100);
    expect(changes).toBe(1);
    now = 6000;
    expect(families.entries()).toEqual([['kept', 5, 100]]);
  });
});
