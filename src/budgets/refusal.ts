// The words a person reads when their budget stops an image, and the budget lines of `help`. They say
// what was spent, the budget, when it resets and whom to ask, so the person knows what to do next.
import { AppError } from '../errors.js';
import { formatDay, formatDollars, formatMonth, type MonthKey } from './month.js';

export interface BudgetFacts {
  month: MonthKey;
  budgetUsd: number;
  spentUsd: number;
  /** Held for this person's images being generated right now. */
  heldUsd: number;
  costUsd: number;
  resetsAt: Date;
  admins: readonly string[];
}

export function budgetExceeded(facts: BudgetFacts): AppError {
  const who = whomToAsk(facts.admins);
  const resets = `It resets on ${formatDay(facts.resetsAt)} (00:00 UTC).`;
  const message =
    facts.budgetUsd === 0
      ? `Your monthly image budget on this server is $0, so you cannot generate images. Ask ${who} to give you a budget.`
      : [
          `Not generated: this image (${formatDollars(facts.costUsd)}) would take you past your monthly budget.`,
          `You have spent ${formatDollars(facts.spentUsd)} of ${formatDollars(facts.budgetUsd)} in ${formatMonth(facts.month)} (UTC)` +
            (facts.heldUsd > 0
              ? `, and ${formatDollars(facts.heldUsd)} is held for your images being generated right now.`
              : '.'),
          resets,
          ...cheaperHint(facts),
          `To raise the budget, ask ${who}.`,
        ].join(' ');
  return new AppError('budget_exceeded', message, {
    details: {
      budget_usd: facts.budgetUsd,
      spent_usd: facts.spentUsd,
      resets_at: facts.resetsAt.toISOString(),
    },
  });
}

/** Points at a cheaper call only when some money is left to spend on one. */
function cheaperHint(facts: BudgetFacts): string[] {
  const left = facts.budgetUsd - facts.spentUsd - facts.heldUsd;
  if (left < 0.0005) return [];
  return [`${formatDollars(left)} is left, so a smaller size or a cheaper model may still fit.`];
}

export function whomToAsk(admins: readonly string[]): string {
  if (admins.length === 0) return 'the operator of this server';
  return `an admin of this server (${admins.join(', ')})`;
}

export interface BudgetStatus {
  month: MonthKey;
  /** Undefined when the person has no cap. */
  budgetUsd: number | undefined;
  spentUsd: number;
  leftUsd: number | undefined;
  resetsAt: Date;
}

/** One or two sentences for `help` about the caller's budget this month. */
export function describeBudget(status: BudgetStatus, admins: readonly string[]): string {
  const spent = `You have spent ${formatDollars(status.spentUsd)} in ${formatMonth(status.month)} (UTC).`;
  if (status.budgetUsd === undefined) return `${spent} No monthly budget caps your spending on this server.`;
  if (status.budgetUsd === 0)
    return `Your monthly budget is $0: you cannot generate images here. Ask ${whomToAsk(admins)} for a budget.`;
  return (
    `${spent} Your monthly budget is ${formatDollars(status.budgetUsd)}, so ${formatDollars(status.leftUsd ?? 0)} is left; ` +
    `it resets on ${formatDay(status.resetsAt)} (00:00 UTC). A call that would go past it is refused before anything is charged.`
  );
}
