// Budgets' public face: monthly caps per person (policy), the guard that reserves an image's price before
// Gemini is called, the spend source it reads (the spend ledger) and the month and money wording.
export { type BudgetGuard, type BudgetGuardOptions, createBudgetGuard, type Reservation } from './guard.js';
export * from './month.js';
export { type BudgetPolicy, configuredPeople, createBudgetPolicy } from './policy.js';
export { type BudgetStatus, budgetExceeded, describeBudget, whomToAsk } from './refusal.js';
export { createLedgerSpendSource, type SpendSource } from './spend.js';
