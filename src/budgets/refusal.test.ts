import { describe, expect, it } from 'vitest';
import { budgetExceeded, describeBudget } from './refusal.js';

const status = {
  month: '2026-11',
  spentUsd: 1.25,
  resetsAt: new Date('2026-12-01T00:00:00Z'),
};

describe('budget wording', () => {
  it.each([
    [
      { ...status, budgetUsd: 5, leftUsd: 3.75 },
      'Your monthly budget is $5.00, so $3.75 is left; it resets on 1 December 2026',
    ],
    [{ ...status, budgetUsd: undefined, leftUsd: undefined }, 'No monthly budget caps your spending'],
    [
      { ...status, budgetUsd: 0, leftUsd: 0 },
      'Your monthly budget is $0: you cannot generate images here. Ask the operator',
    ],
  ])('tells a person where they stand in help (%#)', (facts, sentence) => {
    const text = describeBudget(facts, []);
    expect(text).toContain(sentence);
  });

  it('suggests a cheaper call only when money is left', () => {
    const facts = {
      month: '2026-11',
      budgetUsd: 0.2,
      heldUsd: 0,
      costUsd: 0.067,
      resetsAt: new Date('2026-12-01T00:00:00Z'),
      admins: [],
    };
    expect(budgetExceeded({ ...facts, spentUsd: 0.134 }).message).toContain(
      '$0.066 is left, so a smaller size',
    );
    expect(budgetExceeded({ ...facts, spentUsd: 0.2 }).message).not.toContain('is left');
  });

  it('names the admins to ask when there are some', () => {
    const error = budgetExceeded({
      month: '2026-11',
      budgetUsd: 5,
      spentUsd: 4.95,
      heldUsd: 0,
      costUsd: 0.134,
      resetsAt: new Date('2026-12-01T00:00:00Z'),
      admins: ['boss@example.com', 'ops@example.com'],
    });
    expect(error.code).toBe('budget_exceeded');
    expect(error.message).toBe(
      'Not generated: this image ($0.134) would take you past your monthly budget. ' +
        'You have spent $4.95 of $5.00 in November 2026 (UTC). It resets on 1 December 2026 (00:00 UTC). ' +
        '$0.05 is left, so a smaller size or a cheaper model may still fit. ' +
        'To raise the budget, ask an admin of this server (boss@example.com, ops@example.com).',
    );
  });
});
