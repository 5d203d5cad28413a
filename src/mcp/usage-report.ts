// The figures `get_usage` returns for one person and one month: images and list-price spend in that month
// and in total, per model (as recorded: the model id), the Gemini-reported cost where known, and the
// month's budget and what is left. Pure: ledger entries and the budget in, plain data out.

import { fromMicro, toMicro } from '../money.js';
import { isCarriedOver, monthOf, type SpendEntry, summariseSpend } from '../spend/index.js';

export interface PeriodReport {
  images: number;
  spend_usd: number;
  /** Sum of Gemini-reported costs over the images where it is known; null when none is known. */
  actual_cost_usd: number | null;
  by_model: { model: string; images: number; spend_usd: number }[];
}

export interface PersonUsage {
  email: string;
  month: PeriodReport;
  all_time: PeriodReport;
  /** Null when the person has no cap. */
  budget_usd: number | null;
  left_usd: number | null;
}

export interface PersonFacts {
  email: string;
  entries: readonly SpendEntry[];
  budgetUsd: number | undefined;
  actualCostOf: (name: string) => number | null;
}

export function buildPersonUsage(facts: PersonFacts, month: string): PersonUsage {
  const inMonth = facts.entries.filter((entry) => monthOf(entry.created) === month);
  const monthReport = toPeriod(inMonth, facts.actualCostOf);
  return {
    email: facts.email,
    month: monthReport,
    all_time: toPeriod(facts.entries, facts.actualCostOf),
    budget_usd: facts.budgetUsd ?? null,
    left_usd:
      facts.budgetUsd === undefined
        ? null
        : fromMicro(Math.max(0, toMicro(facts.budgetUsd) - toMicro(monthReport.spend_usd))),
  };
}

function toPeriod(
  entries: readonly SpendEntry[],
  actualCostOf: (name: string) => number | null,
): PeriodReport {
  const summary = summariseSpend(entries);
  let actualMicro = 0;
  let known = 0;
  for (const entry of entries) {
    const actual = actualCostOf(entry.name);
    if (actual === null) continue;
    actualMicro += toMicro(actual);
    known += 1;
  }
  // Spend the Python server recorded without images is one line: it counts as spend, not as an image.
  const carried = new Set(entries.filter(isCarriedOver).map((entry) => entry.model));
  return {
    images: summary.count - entries.filter(isCarriedOver).length,
    spend_usd: summary.cost,
    actual_cost_usd: known === 0 ? null : fromMicro(actualMicro),
    by_model: summary.byModel.map((row) => ({
      model: row.model,
      images: carried.has(row.model) ? 0 : row.count,
      spend_usd: row.cost,
    })),
  };
}
