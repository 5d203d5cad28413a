// Pure roll-ups over ledger entries: count and spend per model for one person and/or one calendar month
// (what a usage report needs; the per-person totals live in the ledger itself). Data in, data out; sums in
// micro-dollars.
import { normaliseEmail } from '../email.js';
import { fromMicro, toMicro } from '../money.js';
import { monthOf } from './calendar.js';
import type { SpendEntry } from './ledger.js';

export interface ModelSpend {
  /** The model id as recorded, retired ids included. */
  model: string;
  count: number;
  cost: number;
}

export interface SpendSummary {
  count: number;
  cost: number;
  /** Highest spend first. */
  byModel: ModelSpend[];
}

export interface PersonSpend {
  email: string;
  /** Images generated, deleted ones included. */
  count: number;
  cost: number;
  /** `created` of the person's newest generation. */
  lastCreated: string;
}

export interface SpendFilter {
  email?: string | undefined;
  /** `YYYY-MM`, UTC. */
  month?: string | undefined;
}

export function summariseSpend(entries: Iterable<SpendEntry>, filter: SpendFilter = {}): SpendSummary {
  const email = filter.email === undefined ? undefined : normaliseEmail(filter.email);
  const models = new Map<string, { count: number; micro: number }>();
  let count = 0;
  let micro = 0;
  for (const entry of entries) {
    if (email !== undefined && entry.email !== email) continue;
    if (filter.month !== undefined && monthOf(entry.created) !== filter.month) continue;
    const cost = toMicro(entry.cost);
    count++;
    micro += cost;
    const row = models.get(entry.model) ?? { count: 0, micro: 0 };
    row.count++;
    row.micro += cost;
    models.set(entry.model, row);
  }
  const byModel = [...models]
    .map(([model, row]) => ({ model, count: row.count, micro: row.micro }))
    .sort((a, b) => b.micro - a.micro || b.count - a.count || (a.model < b.model ? -1 : 1))
    .map(({ micro: m, ...row }) => ({ ...row, cost: fromMicro(m) }));
  return { count, cost: fromMicro(micro), byModel };
}
