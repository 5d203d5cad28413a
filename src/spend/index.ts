// The spend capability: the append-only ledger of what each image cost (never lowered by a deletion)
// and the pure roll-ups over it. Other folders import spend/ through this file only.

export { dayOf, monthOf } from './calendar.js';
export { CARRIED_OVER_MODEL, isCarriedOver } from './carry-over.js';
export {
  createSpendLedger,
  LEDGER_FILE,
  LEDGER_FOLDER,
  type SpendEntry,
  type SpendLedger,
  type SpendLedgerOptions,
} from './ledger.js';
export {
  type ModelSpend,
  type PersonSpend,
  type SpendFilter,
  type SpendSummary,
  summariseSpend,
} from './summary.js';
