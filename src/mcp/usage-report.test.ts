import { describe, expect, it } from 'vitest';
import { buildPersonUsage } from './usage-report.js';

const entry = (name: string, created: string, cost: number, model = 'gemini-3-pro-image') => ({
  name,
  email: 'ada@example.com',
  cost,
  model,
  created,
});

describe('usage report of one person', () => {
  it('splits this month from all time, per model, with the actual cost where known and what is left', () => {
    const entries = [
      entry('a.jpg', '2026-11-02T10:00:00.000Z', 0.134),
      entry('b.jpg', '2026-11-03T10:00:00.000Z', 0.067, 'gemini-3.1-flash-image'),
      entry('c.jpg', '2026-10-31T23:59:00.000Z', 0.134),
      entry(
        'carried-over-0123',
        '1970-01-01T00:00:00.000Z',
        2.5,
        'earlier spend recorded by the Python server',
      ),
    ];
    const usage = buildPersonUsage(
      {
        email: 'ada@example.com',
        entries,
        budgetUsd: 0.25,
        actualCostOf: (name) => (name === 'a.jpg' ? 0.14 : null),
      },
      '2026-11',
    );
    expect(usage).toEqual({
      email: 'ada@example.com',
      month: {
        images: 2,
        spend_usd: 0.201,
        actual_cost_usd: 0.14,
        by_model: [
          { model: 'gemini-3-pro-image', images: 1, spend_usd: 0.134 },
          { model: 'gemini-3.1-flash-image', images: 1, spend_usd: 0.067 },
        ],
      },
      all_time: {
        images: 3,
        spend_usd: 2.835,
        actual_cost_usd: 0.14,
        by_model: [
          { model: 'earlier spend recorded by the Python server', images: 0, spend_usd: 2.5 },
          { model: 'gemini-3-pro-image', images: 2, spend_usd: 0.268 },
          { model: 'gemini-3.1-flash-image', images: 1, spend_usd: 0.067 },
        ],
      },
      budget_usd: 0.25,
      left_usd: 0.049,
    });
  });

  it('has no budget figures for a person without a cap', () => {
    const usage = buildPersonUsage(
      { email: 'ada@example.com', entries: [], budgetUsd: undefined, actualCostOf: () => null },
      '2026-11',
    );
    expect(usage).toMatchObject({
      budget_usd: null,
      left_usd: null,
      month: { images: 0, actual_cost_usd: null },
    });
  });
});
