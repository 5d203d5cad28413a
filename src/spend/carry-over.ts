// Spend the Python original recorded beyond its surviving sidecars. Its later versions kept a running
// total per e-mail in `{IMG_ROOT}/spend.json`, so images deleted there still counted. When that total is
// higher than what the ledger holds for the person, the difference becomes one ledger line of its own
// (dated at the epoch, so it never counts against a current month's budget), keyed by the person so it is
// added only once.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { normaliseEmail } from '../email.js';
import { readRegularFile } from '../fs/index.js';
import type { Logger } from '../log.js';
import { fromMicro, toMicro } from '../money.js';
import type { SpendEntry } from './ledger.js';

export const ORIGINAL_SPEND_FILE = 'spend.json';
export const CARRIED_OVER_MODEL = 'earlier spend recorded by the Python server';
const EPOCH = '1970-01-01T00:00:00.000Z';
const totalsSchema = z.record(z.string(), z.unknown());

/** The original's totals per lower-case e-mail; empty when the file is absent or unreadable. */
export async function readOriginalTotals(root: string, logger: Logger): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  const file = await readRegularFile(join(root, ORIGINAL_SPEND_FILE), 4 * 1024 * 1024);
  if (file === undefined) return totals;
  let parsed: z.infer<typeof totalsSchema>;
  try {
    parsed = totalsSchema.parse(JSON.parse(file.bytes.toString('utf8')));
  } catch {
    logger.warn({ file: ORIGINAL_SPEND_FILE }, 'ignoring an unreadable spend.json from the Python server');
    return totals;
  }
  for (const [email, value] of Object.entries(parsed)) {
    const key = normaliseEmail(email);
    if (key !== '' && typeof value === 'number' && Number.isFinite(value) && value > 0)
      totals.set(key, (totals.get(key) ?? 0) + value);
  }
  return totals;
}

/** One entry per person whose recorded total exceeds what `entries` hold for them and who has none yet. */
export function carriedOverEntries(
  totals: ReadonlyMap<string, number>,
  entries: readonly SpendEntry[],
  known: ReadonlySet<string>,
): SpendEntry[] {
  const held = new Map<string, number>();
  for (const entry of entries) held.set(entry.email, (held.get(entry.email) ?? 0) + toMicro(entry.cost));
  const carried: SpendEntry[] = [];
  for (const [email, total] of totals) {
    const name = carriedOverName(email);
    const missing = toMicro(total) - (held.get(email) ?? 0);
    if (known.has(name) || missing <= 0) continue;
    carried.push({ name, email, cost: fromMicro(missing), model: CARRIED_OVER_MODEL, created: EPOCH });
  }
  return carried;
}

export function carriedOverName(email: string): string {
  return `carried-over-${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
}

/** True for a carried-over line, which is spend without an image of its own. */
export function isCarriedOver(entry: Pick<SpendEntry, 'name'>): boolean {
  return entry.name.startsWith('carried-over-');
}
