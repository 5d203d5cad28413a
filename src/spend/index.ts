// The spend capability: the append-only ledger of what each image cost (never lowered by a deletion)
// and the pure roll-ups over it. Other folders import spend/ through this file only.
export { CARRIED_OVER_MODEL, isCarriedOver } from './carry-over.js';
export {
  createSpendLedger,
  LEDGER_FILE,
  LEDGER_FOLDER,
  type SpendEntry,
  type SpendLedger,
  type SpendLedgerOptions,
} from './ledger.js';
export { dayOf, fromMicro, monthOf, toMicro } from './money.js';
export {
  type ModelSpend,
  type PersonSpend,
  type SpendFilter,
  type SpendSummary,
  spendByPerson,
  summariseSpend,
} from './summary.js';
