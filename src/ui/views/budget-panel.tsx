// The budgets panel: each visible person's spend this month against their monthly budget, as a native
// <meter> (announced by screen readers with its label, no script) plus the same figures in words, and
// the cost Gemini's usage figures imply beside the list price where it is known. Pure: rows as props.
import type { FC } from 'hono/jsx';
import type { BudgetRow } from '../budget-view.js';
import { formatUsd } from '../format.js';

export interface BudgetPanelProps {
  /** e.g. `November 2026`. */
  monthLabel: string;
  /** e.g. `1 December 2026`. */
  resetsOn: string;
  rows: readonly BudgetRow[];
  isAdmin: boolean;
}

export const BudgetPanel: FC<BudgetPanelProps> = ({ monthLabel, resetsOn, rows, isAdmin }) => (
  <section class="panel" aria-labelledby="budget-heading">
    <h2 id="budget-heading">{isAdmin ? `Budgets for ${monthLabel}` : `My budget for ${monthLabel}`}</h2>
    <ul class="budgets">
      {rows.map((row, i) => (
        <BudgetLine row={row} id={`budget-${i}`} />
      ))}
    </ul>
    <p class="muted small">{`Spend at list prices, calendar month in UTC. Budgets start again on ${resetsOn}.`}</p>
  </section>
);

const BudgetLine: FC<{ row: BudgetRow; id: string }> = ({ row, id }) => (
  <li class="budget">
    <div class="budget-head">
      <span id={id} class="who-line">
        {row.email}
      </span>
      <span class="num">{summary(row)}</span>
    </div>
    {row.budgetUsd === undefined || row.budgetUsd === 0 ? null : (
      <meter
        aria-labelledby={id}
        min={0}
        max={row.budgetUsd}
        low={row.budgetUsd * 0.75}
        high={row.budgetUsd * 0.9}
        optimum={0}
        value={Math.min(row.spentUsd, row.budgetUsd)}
        title={`${row.percent ?? 0}% of the budget spent`}
      >
        {`${row.percent ?? 0}%`}
      </meter>
    )}
    <p class="muted small">{details(row)}</p>
  </li>
);

function summary(row: BudgetRow): string {
  const spent = formatUsd(row.spentUsd);
  if (row.budgetUsd === undefined) return `${spent} spent · no cap`;
  if (row.budgetUsd === 0) return `${spent} spent · may not generate (budget $0)`;
  return `${spent} of ${formatUsd(row.budgetUsd)} (${row.percent ?? 0}%)`;
}

function details(row: BudgetRow): string {
  const images = `${row.images} ${row.images === 1 ? 'image' : 'images'} this month`;
  const left = row.leftUsd === undefined || row.budgetUsd === 0 ? '' : ` · ${formatUsd(row.leftUsd)} left`;
  const actual =
    row.actualUsd === undefined
      ? ''
      : ` · ${formatUsd(row.actualUsd)} by Gemini's usage figures${row.actualKnown < row.images ? ` (for ${row.actualKnown} of them)` : ''}`;
  return `${images}${left}${actual}`;
}
