// A SpendSource read from the in-memory image index: every indexed image is one record. It waits for the
// index to finish building from the sidecars so a budget is never checked against a half-read history.
// Deleting an image removes it from the index, so this source gives spend back on delete; an append-only
// ledger is the source to prefer where one exists.
import type { ImageIndex, Sidecar } from '../images/index.js';
import type { SpendRecord, SpendSource } from './spend.js';

export function createIndexSpendSource(
  index: Pick<ImageIndex, 'page' | 'countFor' | 'emails'>,
  ready: Promise<unknown> = Promise.resolve(),
): SpendSource {
  return {
    async recordsOf(email) {
      await ready;
      const count = index.countFor(email);
      if (count === 0) return [];
      return index.page(email, { limit: count }).items.map(toSpendRecord);
    },
    async people() {
      await ready;
      return index.emails();
    },
  };
}

export function toSpendRecord(sidecar: Sidecar): SpendRecord {
  return {
    email: sidecar.email,
    model: sidecar.model_alias,
    cost: sidecar.cost,
    actualCost: sidecar.usage_cost,
    created: sidecar.created,
  };
}
