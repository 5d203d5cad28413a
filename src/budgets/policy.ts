// Whose budget is what: a person's own IMG_BUDGETS entry (which may be above or below the default, and
// 0 to stop them generating), else IMG_BUDGET_USD, else no cap. Pure lookup over the parsed Config.
import type { BudgetConfig } from '../config.js';
import { normaliseEmail } from '../email.js';

export interface BudgetPolicy {
  /** The person's monthly budget in USD, or undefined when they have no cap. */
  budgetFor(email: string): number | undefined;
}

/**
 * Everyone the configuration names, whether or not they have generated yet: the allow-list and the people
 * with a budget entry. Admin views list them beside everyone in the spend ledger.
 */
export function configuredPeople(config: {
  allowedEmails: readonly string[];
  budgets: BudgetConfig;
}): string[] {
  return [...config.allowedEmails, ...config.budgets.perPerson.map((person) => person.email)];
}

export function createBudgetPolicy(config: BudgetConfig): BudgetPolicy {
  const own = new Map(config.perPerson.map((entry) => [normaliseEmail(entry.email), entry.usd]));
  return {
    budgetFor: (email) => own.get(normaliseEmail(email)) ?? config.defaultUsd,
  };
}
