import { describe, expect, it } from 'vitest';
import type { SpendEntry } from './ledger.js';
import { summariseSpend } from './summary.js';

const rows: SpendEntry[] = [
  {
    name: 'a',
    email: 'ada@example.com',
    cost: 0.134,
    model: 'gemini-3-pro-image-preview',
    created: '2026-05-02T00:00:00.000Z',
  },
  {
    name: 'b',
    email: 'ada@example.com',
    cost: 0.039,
    model: 'gemini-2.5-flash-image',
    created: '2026-05-03T00:00:00.000Z',
  },
  {
    name: 'c',
    email: 'ada@example.com',
    cost: 0.039,
    model: 'gemini-2.5-flash-image',
    created: '2026-04-03T00:00:00.000Z',
  },
  {
    name: 'd',
    email: 'bob@example.com',
    cost: 0.3,
    model: 'gemini-3-pro-image-preview',
    created: '2026-05-09T00:00:00.000Z',
  },
];

describe('spend summaries', () => {
  it('counts and sums per model for one person in one month', () => {
    expect(summariseSpend(rows, { email: 'ADA@example.com', month: '2026-05' })).toEqual({
      count: 2,
      cost: 0.173,
      byModel: [
        { model: 'gemini-3-pro-image-preview', count: 1, cost: 0.134 },
        { model: 'gemini-2.5-flash-image', count: 1, cost: 0.039 },
      ],
    });
  });

  it('covers everyone and all time without a filter', () => {
    const all = summariseSpend(rows);
    expect(all.count).toBe(4);
    expect(all.cost).toBeCloseTo(0.512, 9);
  });
});
