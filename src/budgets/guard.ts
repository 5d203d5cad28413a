// Keeps each person's spend in a calendar month (UTC) within their budget, even when they start several
// generations at once. Before Gemini is called, `reserve` holds the image's list price: what the source
// says was spent, plus what is already held, plus this price must fit. The caller then `settle`s once the
// image's spend is in the source (the hold is dropped, the record now counts) or `release`s on failure.
// Reading spend and taking the hold happen under one per-person lock, and so does settling, so no two
// calls can both see room for only one of them.
import { normaliseEmail } from '../email.js';
import { fromMicro, toMicro } from '../money.js';
import { createKeyedLock } from './keyed-lock.js';
import { currentMonth, type MonthKey, nextMonthStart } from './month.js';
import type { BudgetPolicy } from './policy.js';
import { type BudgetStatus, budgetExceeded } from './refusal.js';
import type { SpendSource } from './spend.js';

export interface Reservation {
  /**
   * Call once the image `name` is stored. Its hold is dropped when the spend source has the image; when
   * recording failed, the hold stays for the rest of the month so the image still counts.
   */
  settle(name: string): Promise<void>;
  /** Call when no image was made: the held amount is free again. */
  release(): void;
}

export interface BudgetGuard {
  /** Holds `costUsd` for `email` or throws `budget_exceeded` saying why. */
  reserve(email: string, costUsd: number): Promise<Reservation>;
  status(email: string): Promise<BudgetStatus>;
  /** The person's monthly budget in USD (undefined: no cap). */
  budgetFor(email: string): number | undefined;
  /** Who can raise a budget, as named in refusals. */
  readonly admins: readonly string[];
}

export interface BudgetGuardOptions {
  policy: BudgetPolicy;
  spend: SpendSource;
  clock: () => Date;
  /** Who to ask for more, named in refusals. */
  admins: readonly string[];
}

interface Hold {
  month: MonthKey;
  micro: number;
}

const NO_HOLD: Reservation = { settle: async () => {}, release: () => {} };

export function createBudgetGuard(options: BudgetGuardOptions): BudgetGuard {
  const { policy, spend, clock, admins } = options;
  const lock = createKeyedLock();
  const holds = new Map<string, Set<Hold>>();

  const heldMicro = (email: string, month: MonthKey): number => {
    let micro = 0;
    for (const hold of holds.get(email) ?? []) if (hold.month === month) micro += hold.micro;
    return micro;
  };
  const drop = (email: string, hold: Hold): void => {
    const mine = holds.get(email);
    mine?.delete(hold);
    if (mine?.size === 0) holds.delete(email);
  };

  const take = async (email: string, budgetUsd: number, costUsd: number): Promise<Reservation> => {
    const month = currentMonth(clock());
    const spentMicro = toMicro(await spend.spentInMonth(email, month));
    const held = heldMicro(email, month);
    const cost = toMicro(costUsd);
    if (budgetUsd === 0 || spentMicro + held + cost > toMicro(budgetUsd))
      throw budgetExceeded({
        month,
        budgetUsd,
        spentUsd: fromMicro(spentMicro),
        heldUsd: fromMicro(held),
        costUsd,
        resetsAt: nextMonthStart(month),
        admins,
      });
    const hold: Hold = { month, micro: cost };
    const mine = holds.get(email) ?? new Set<Hold>();
    mine.add(hold);
    holds.set(email, mine);
    let open = true;
    return {
      settle: (name) =>
        lock(email, () => {
          if (open && spend.isRecorded(name)) drop(email, hold);
          open = false;
        }),
      release: () => {
        if (open) drop(email, hold);
        open = false;
      },
    };
  };

  return {
    admins,
    budgetFor: (email) => policy.budgetFor(email),
    async reserve(rawEmail, costUsd) {
      const email = normaliseEmail(rawEmail);
      const budgetUsd = policy.budgetFor(email);
      if (budgetUsd === undefined) return NO_HOLD;
      return lock(email, () => take(email, budgetUsd, costUsd));
    },
    async status(rawEmail) {
      const email = normaliseEmail(rawEmail);
      const month = currentMonth(clock());
      const spentUsd = await spend.spentInMonth(email, month);
      const budgetUsd = policy.budgetFor(email);
      const leftUsd =
        budgetUsd === undefined ? undefined : Math.max(0, fromMicro(toMicro(budgetUsd) - toMicro(spentUsd)));
      return { month, budgetUsd, spentUsd, leftUsd, resetsAt: nextMonthStart(month) };
    },
  };
}
