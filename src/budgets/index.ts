// Budgets' public face: monthly caps per person (policy), the guard that reserves an image's price before
// Gemini is called, the spend source it reads and the roll-ups get_usage and the dashboard show.
export { type BudgetGuard, type BudgetGuardOptions, createBudgetGuard, type Reservation } from './guard.js';
export { createIndexSpendSource, toSpendRecord } from './index-spend.js';
export * from './month.js';
export { type BudgetPolicy, createBudgetPolicy } from './policy.js';
export { type BudgetStatus, budgetExceeded, describeBudget, whomToAsk } from './refusal.js';
export * from './spend.js';
