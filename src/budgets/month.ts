// Calendar months in UTC, the period a budget covers: the `YYYY-MM` key of a moment, parsing a month a
// person typed, when a month ends, and how months, days and dollar amounts read in messages. Pure; the
// clock is always passed in. Timestamps of records are turned into months by spend/ (`monthOf`).
import { invalidArgument } from '../errors.js';
import { formatUsd } from '../money.js';

/** `YYYY-MM`, a calendar month in UTC. */
export type MonthKey = string;

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month `now` falls in, in UTC. */
export function currentMonth(now: Date): MonthKey {
  return now.toISOString().slice(0, 7);
}

/** Reads `YYYY-MM`; throws `invalid_argument` saying the expected form. */
export function parseMonth(input: string): MonthKey {
  const value = input.trim();
  if (!MONTH_KEY.test(value))
    throw invalidArgument(`"${value.slice(0, 40)}" is not a month. Give it as YYYY-MM, for example 2026-03.`);
  return value;
}

/** Midnight UTC on the first day of the month after `month`: when that month's budget resets. */
export function nextMonthStart(month: MonthKey): Date {
  const match = MONTH_KEY.exec(month);
  if (match === null) throw new RangeError(`not a month key: ${month}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * `November 2026`. Written out rather than through `toLocaleString`, which builds a date formatter on
 * every call (a third of a millisecond, on every `get_usage` and `help`).
 */
export function formatMonth(month: MonthKey): string {
  const start = new Date(nextMonthStart(month).getTime() - 1);
  return `${MONTH_NAMES[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
}

/** `1 December 2026`, in UTC. */
export function formatDay(day: Date): string {
  return `${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** `$5.00` for whole cents (budgets), else the shared price format: `$0.067`, `$0.0336`. */
export function formatDollars(usd: number): string {
  const cents = Math.round(usd * 100);
  return Math.abs(usd * 100 - cents) < 1e-6 ? `$${(cents / 100).toFixed(2)}` : formatUsd(usd);
}
