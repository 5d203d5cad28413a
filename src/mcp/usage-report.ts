// The figures `get_usage` returns for one person and one month: images and list-price spend in that month
// and in total, per model, the Gemini-reported cost where known, and the month's budget and what is left.
// Pure: spend records and the budget in, plain data out (USD rounded to a millionth).
import {
  fromMicro,
  type MonthKey,
  type SpendRecord,
  type SpendSummary,
  summariseSpend,
  toMicro,
} from '../budgets/index.js';

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

export function buildPersonUsage(
  email: string,
  records: readonly SpendRecord[],
  month: MonthKey,
  budgetUsd: number | undefined,
): PersonUsage {
  const inMonth = summariseSpend(records, month);
  return {
    email,
    month: toPeriod(inMonth),
    all_time: toPeriod(summariseSpend(records)),
    budget_usd: budgetUsd ?? null,
    left_usd: budgetUsd === undefined ? null : fromMicro(Math.max(0, toMicro(budgetUsd) - inMonth.micro)),
  };
}

function toPeriod(summary: SpendSummary): PeriodReport {
  return {
    images: summary.images,
    spend_usd: fromMicro(summary.micro),
    actual_cost_usd: summary.actualKnown === 0 ? null : fromMicro(summary.actualMicro),
    by_model: summary.byModel.map((row) => ({
      model: row.model,
      images: row.images,
      spend_usd: fromMicro(row.micro),
    })),
  };
}
