// The budgets panel (monthly spend against budget per person): who is shown (admins: every allowed person,
// everyone with a budget entry and everyone who has spent; others: themselves), and each row's figures.
// Pure: spend entries, budgets and the viewer in, rows out. Spend is at list prices; the cost implied by
// Gemini's usage figures is summed beside it over the images where it is known.

import { normaliseEmail } from '../email.js';
import type { Viewer } from '../http/types.js';
import { fromMicro, toMicro } from '../money.js';
import { monthOf } from '../spend/index.js';

export interface BudgetRow {
  email: string;
  images: number;
  spentUsd: number;
  /** Undefined: no cap. */
  budgetUsd: number | undefined;
  leftUsd: number | undefined;
  /** Share of the budget spent, 0–100, rounded down; undefined without a cap or with a $0 budget. */
  percent: number | undefined;
  /** Sum of Gemini-reported costs and over how many of the month's images it is known. */
  actualUsd: number | undefined;
  actualKnown: number;
}

export interface MonthEntry {
  name: string;
  email: string;
  cost: number;
  created: string;
}

export interface BudgetFacts {
  month: string;
  /** Everything spent in `month`, by everyone. */
  entries: readonly MonthEntry[];
  budgetFor: (email: string) => number | undefined;
  actualCostOf: (name: string) => number | null;
}

/** Whose rows the viewer sees, sorted by e-mail with the viewer first. */
export function budgetPeople(viewer: Pick<Viewer, 'email' | 'isAdmin'>, known: Iterable<string>): string[] {
  if (!viewer.isAdmin) return [viewer.email];
  const others = new Set([...known].map(normaliseEmail));
  others.delete(viewer.email);
  return [viewer.email, ...[...others].sort()];
}

export function buildBudgetRows(people: readonly string[], facts: BudgetFacts): BudgetRow[] {
  const byPerson = new Map<string, MonthEntry[]>();
  for (const entry of facts.entries) {
    if (monthOf(entry.created) !== facts.month) continue;
    const list = byPerson.get(entry.email) ?? [];
    list.push(entry);
    byPerson.set(entry.email, list);
  }
  return people.map((email) => buildRow(email, byPerson.get(email) ?? [], facts));
}

function buildRow(email: string, entries: readonly MonthEntry[], facts: BudgetFacts): BudgetRow {
  let spent = 0;
  let actual = 0;
  let actualKnown = 0;
  for (const entry of entries) {
    spent += toMicro(entry.cost);
    const known = facts.actualCostOf(entry.name);
    if (known === null) continue;
    actual += toMicro(known);
    actualKnown += 1;
  }
  const budgetUsd = facts.budgetFor(email);
  const budget = budgetUsd === undefined ? undefined : toMicro(budgetUsd);
  return {
    email,
    images: entries.length,
    spentUsd: fromMicro(spent),
    budgetUsd,
    leftUsd: budget === undefined ? undefined : fromMicro(Math.max(0, budget - spent)),
    percent:
      budget === undefined || budget === 0 ? undefined : Math.min(100, Math.floor((spent * 100) / budget)),
    actualUsd: actualKnown === 0 ? undefined : fromMicro(actual),
    actualKnown,
  };
}
