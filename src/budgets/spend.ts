// What a person has spent, as budgets and get_usage see it. Spend comes from a SpendSource (one record
// per image paid for); the roll-ups here are pure and sum in integer micro-dollars so long histories
// carry no float drift. Spend counts list prices; the cost Gemini's usage figures imply rides along.
import { type MonthKey, monthOfTimestamp, toMicro } from './month.js';

export interface SpendRecord {
  email: string;
  /** Model alias (flash, pro, …) the image was made with. */
  model: string;
  /** List price paid, USD. */
  cost: number;
  /** Cost computed from Gemini's reported token usage, USD, when known. */
  actualCost: number | null;
  /** UTC ISO-8601 (any offset accepted). */
  created: string;
}

/** Where spend is read from. Every record a person paid for, including images deleted since. */
export interface SpendSource {
  recordsOf(email: string): Promise<readonly SpendRecord[]>;
  /** Everyone who has spent anything. */
  people(): Promise<readonly string[]>;
}

export interface ModelSpend {
  model: string;
  images: number;
  micro: number;
}

export interface SpendSummary {
  images: number;
  micro: number;
  /** Sum of the Gemini-reported costs that are known, and over how many images. */
  actualMicro: number;
  actualKnown: number;
  /** Sorted by spend, highest first. */
  byModel: ModelSpend[];
}

/** Rolls up `records`, only those in `month` when one is given. */
export function summariseSpend(records: readonly SpendRecord[], month?: MonthKey): SpendSummary {
  const models = new Map<string, ModelSpend>();
  const summary: SpendSummary = { images: 0, micro: 0, actualMicro: 0, actualKnown: 0, byModel: [] };
  for (const record of records) {
    if (month !== undefined && monthOfTimestamp(record.created) !== month) continue;
    const micro = toMicro(record.cost);
    summary.images += 1;
    summary.micro += micro;
    if (record.actualCost !== null) {
      summary.actualMicro += toMicro(record.actualCost);
      summary.actualKnown += 1;
    }
    const row = models.get(record.model) ?? { model: record.model, images: 0, micro: 0 };
    row.images += 1;
    row.micro += micro;
    models.set(record.model, row);
  }
  summary.byModel = [...models.values()].sort(
    (a, b) => b.micro - a.micro || b.images - a.images || a.model.localeCompare(b.model),
  );
  return summary;
}

/** List-price spend of `records` in `month`, in micro-dollars. */
export function spentMicroIn(records: readonly SpendRecord[], month: MonthKey): number {
  let micro = 0;
  for (const record of records) if (monthOfTimestamp(record.created) === month) micro += toMicro(record.cost);
  return micro;
}
