// The append-only spend ledger: one JSON line per generated image (name, e-mail, list price, model id,
// creation time) in `{IMG_ROOT}/.spend/ledger.jsonl`. Deleting an image removes its file and sidecar but
// never its line, so what a person has spent never goes down. Opening the ledger adds a line for every
// sidecar it lacks (all of them the first time or when the file was lost, the last few after a crash), and
// lines are keyed by image name, so seeding again never counts twice. Totals are kept in integer
// micro-dollars; the roll-ups for pages and tools are pure functions in summary.ts. Spend the Python
// original counted beyond its surviving sidecars is carried over once (carry-over.ts).
import { constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { normaliseEmail } from '../email.js';
import { readRegularFile, writeAndSync } from '../fs/index.js';
import type { Logger } from '../log.js';
import { fromMicro, toMicro } from '../money.js';
import { monthOf } from './calendar.js';
import { carriedOverEntries, readOriginalTotals } from './carry-over.js';
import type { PersonSpend } from './summary.js';

export const LEDGER_FOLDER = '.spend';
export const LEDGER_FILE = 'ledger.jsonl';

/** Append, creating the file if needed, but never through a symlink (which could point outside IMG_ROOT). */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

const entrySchema = z.object({
  name: z.string().min(1).max(64),
  email: z.string().min(1).max(320),
  cost: z.number().nonnegative().finite(),
  model: z.string().max(200),
  created: z.iso.datetime({ offset: true }),
});

/** One generated image, as the ledger remembers it. `created` is UTC ISO-8601; `email` lower-case. */
export type SpendEntry = z.infer<typeof entrySchema>;

export interface SpendLedgerOptions {
  root: string;
  logger: Logger;
}

export interface SpendLedger {
  /**
   * Reads the ledger file (if any), then appends a line for every record it lacks. Call once at start-up
   * with every sidecar on disk; appends made before it finishes wait for it.
   */
  open(records: Iterable<SpendEntry>): Promise<void>;
  /** Records one image; false (and nothing written) when its name is already in the ledger. */
  append(entry: SpendEntry): Promise<boolean>;
  has(name: string): boolean;
  /** Every entry, oldest line first. */
  entries(): readonly SpendEntry[];
  /** One row per person who ever generated, highest spend first; cost in proportion to people, not images. */
  people(): PersonSpend[];
  /** USD spent by `email` over all time. */
  totalFor(email: string): number;
  /** USD spent by `email` in the calendar month `YYYY-MM` (UTC). */
  spentInMonth(email: string, month: string): number;
}

export function createSpendLedger(options: SpendLedgerOptions): SpendLedger {
  const { root, logger } = options;
  const folder = join(root, LEDGER_FOLDER);
  const path = join(folder, LEDGER_FILE);
  const entries: SpendEntry[] = [];
  const names = new Set<string>();
  const perPerson = new Map<string, { count: number; micro: number; last: string; lastMs: number }>();
  const perPersonMonth = new Map<string, number>();
  /** Writes are serialised here so lines never interleave and the in-memory view matches the file. */
  let queue: Promise<unknown> = Promise.resolve();
  let opened: Promise<void> | undefined;
  let endsWithNewline = true;

  const remember = (entry: SpendEntry): void => {
    entries.push(entry);
    names.add(entry.name);
    const micro = toMicro(entry.cost);
    const person = perPerson.get(entry.email) ?? { count: 0, micro: 0, last: '', lastMs: -Infinity };
    person.count++;
    person.micro += micro;
    const ms = Date.parse(entry.created);
    if (ms > person.lastMs) Object.assign(person, { last: entry.created, lastMs: ms });
    perPerson.set(entry.email, person);
    const key = `${entry.email}\n${monthOf(entry.created)}`;
    perPersonMonth.set(key, (perPersonMonth.get(key) ?? 0) + micro);
  };

  let folderReady = false;
  const write = async (fresh: readonly SpendEntry[]): Promise<void> => {
    if (fresh.length === 0) return;
    const text = fresh.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    if (!folderReady) await mkdir(folder, { recursive: true });
    folderReady = true;
    await writeAndSync(path, APPEND_FLAGS, endsWithNewline ? text : `\n${text}`);
    endsWithNewline = true;
  };

  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * Group commit: appends that arrive while a write is under way wait together and go to disk in the
   * next single write and fsync, so twenty images finishing at once cost two writes, not twenty
   * one after another.
   */
  let waiting: { entry: SpendEntry; settle: (added: boolean | Error) => void }[] = [];
  const flush = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    const fresh: SpendEntry[] = [];
    const seen = new Set<string>();
    const added = batch.map(({ entry }) => {
      if (names.has(entry.name) || seen.has(entry.name)) return false;
      seen.add(entry.name);
      fresh.push(entry);
      return true;
    });
    try {
      await write(fresh);
    } catch (error) {
      folderReady = false;
      for (const { settle } of batch) settle(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const entry of fresh) remember(entry);
    for (const [i, { settle }] of batch.entries()) settle(added[i] === true);
  };

  const append = (entry: SpendEntry): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const settle = (added: boolean | Error) => (added instanceof Error ? reject(added) : resolve(added));
      waiting.push({ entry: normaliseEntry(entry), settle });
      if (waiting.length === 1) void enqueue(flush);
    });

  return {
    open(records) {
      opened ??= enqueue(async () => {
        const read = await readLedgerFile(path, logger);
        endsWithNewline = read.endsWithNewline;
        for (const entry of read.entries) if (!names.has(entry.name)) remember(entry);
        const missing = uniqueMissing(records, names);
        await write(missing);
        for (const entry of missing) remember(entry);
        const carried = carriedOverEntries(await readOriginalTotals(root, logger), entries, names);
        await write(carried);
        for (const entry of carried) remember(entry);
        logger.info(
          {
            event: 'spend-ledger',
            entries: entries.length,
            seeded: missing.length,
            carriedOver: carried.length,
          },
          'spend ledger open',
        );
      });
      return opened;
    },
    append,
    has: (name) => names.has(name),
    entries: () => entries,
    people: () =>
      [...perPerson]
        .sort(([a, x], [b, y]) => y.micro - x.micro || y.count - x.count || (a < b ? -1 : 1))
        .map(([email, p]) => ({ email, count: p.count, cost: fromMicro(p.micro), lastCreated: p.last })),
    totalFor: (email) => fromMicro(perPerson.get(normaliseEmail(email))?.micro ?? 0),
    spentInMonth: (email, month) => fromMicro(perPersonMonth.get(`${normaliseEmail(email)}\n${month}`) ?? 0),
  };
}

function normaliseEntry(entry: SpendEntry): SpendEntry {
  return {
    name: entry.name,
    email: normaliseEmail(entry.email),
    cost: entry.cost,
    model: entry.model,
    created: new Date(entry.created).toISOString(),
  };
}

function uniqueMissing(records: Iterable<SpendEntry>, known: ReadonlySet<string>): SpendEntry[] {
  const seen = new Set<string>();
  const missing: SpendEntry[] = [];
  for (const record of records) {
    if (known.has(record.name) || seen.has(record.name)) continue;
    seen.add(record.name);
    missing.push(normaliseEntry(record));
  }
  return missing;
}

/** Reads every valid line; a damaged line (a torn write, a hand edit) is skipped with one warning. */
async function readLedgerFile(
  path: string,
  logger: Logger,
): Promise<{ entries: SpendEntry[]; endsWithNewline: boolean }> {
  const file = await readRegularFile(path);
  if (file === undefined) return { entries: [], endsWithNewline: true };
  const text = file.bytes.toString('utf8');
  const entries: SpendEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (parsed === undefined) skipped++;
    else entries.push(normaliseEntry(parsed));
  }
  if (skipped > 0) logger.warn({ file: path, skipped }, 'skipping damaged lines in the spend ledger');
  return { entries, endsWithNewline: text === '' || text.endsWith('\n') };
}

function parseLine(line: string): SpendEntry | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
