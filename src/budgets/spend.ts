// Where budgets and usage reports read spend: the append-only spend ledger (so deleting an image never
// gives budget back), waited for until it has been opened and seeded from the sidecars, so a budget is
// never checked against a half-read history. The cost implied by Gemini's usage figures is not in the
// ledger; it is looked up in the image index for images still on disk.
import type { ImageRecord } from '../images/index.js';
import { monthOf, type SpendEntry, type SpendLedger } from '../spend/index.js';

export interface SpendSource {
  /** USD at list prices spent by `email` in the calendar month `YYYY-MM` (UTC). */
  spentInMonth(email: string, month: string): Promise<number>;
  /** Every image `email` paid for, deleted ones included. */
  entriesOf(email: string): Promise<SpendEntry[]>;
  /** Everything spent in the calendar month `YYYY-MM` (UTC), by everyone. */
  entriesInMonth(month: string): Promise<SpendEntry[]>;
  /** Everyone who has spent anything, sorted. */
  people(): Promise<string[]>;
  /** Whether the image's spend is in the ledger. */
  isRecorded(name: string): boolean;
  /** Cost computed from Gemini's usage figures, USD, for an image still on disk; null when unknown. */
  actualCostOf(name: string): number | null;
}

export function createLedgerSpendSource(
  ledger: Pick<SpendLedger, 'spentInMonth' | 'entries' | 'has'>,
  index: { get(name: string): ImageRecord | undefined },
  ready: Promise<unknown> = Promise.resolve(),
): SpendSource {
  return {
    async spentInMonth(email, month) {
      await ready;
      return ledger.spentInMonth(email, month);
    },
    async entriesOf(email) {
      await ready;
      return ledger.entries().filter((entry) => entry.email === email);
    },
    async entriesInMonth(month) {
      await ready;
      return ledger.entries().filter((entry) => monthOf(entry.created) === month);
    },
    async people() {
      await ready;
      return [...new Set(ledger.entries().map((entry) => entry.email))].sort();
    },
    isRecorded: (name) => ledger.has(name),
    actualCostOf: (name) => index.get(name)?.usage_cost ?? null,
  };
}
