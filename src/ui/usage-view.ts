// The cost-per-user table: one row per visible user with the images kept, the spend at list prices (from
// the spend ledger, so deleting images never lowers it) and the date of the newest image, plus a total
// over exactly the rows shown. Pure: it takes the index and ledger roll-ups and the viewer.
import type { Viewer } from '../http/types.js';
import { roundUsd } from '../models/index.js';
import type { UsageRow } from './ports.js';
import { canSeeUser } from './visibility.js';

export interface UsageTable {
  rows: UsageRow[];
  total: { users: number; images: number; cost: number };
}

/** A person's spend as the ledger knows it. */
export interface LedgerPerson {
  email: string;
  cost: number;
  lastCreated: string;
}

/**
 * Images from the index (what is kept), spend from the ledger. The index's own sum is a floor: should the
 * ledger be unavailable, spend still shows at least what the images on disk cost.
 */
export function mergeUsage(kept: readonly UsageRow[], spent: readonly LedgerPerson[]): UsageRow[] {
  const rows = new Map<string, UsageRow>(kept.map((row) => [row.email, { ...row }]));
  for (const person of spent) {
    const row = rows.get(person.email);
    if (row === undefined) {
      rows.set(person.email, {
        email: person.email,
        images: 0,
        cost: person.cost,
        lastCreated: person.lastCreated,
      });
      continue;
    }
    row.cost = Math.max(row.cost, person.cost);
    if (row.lastCreated === undefined || Date.parse(person.lastCreated) > Date.parse(row.lastCreated))
      row.lastCreated = person.lastCreated;
  }
  return [...rows.values()];
}

export function buildUsageTable(
  viewer: Pick<Viewer, 'email' | 'isAdmin'>,
  usage: readonly UsageRow[],
): UsageTable {
  const visible = usage.filter((row) => canSeeUser(viewer, row.email));
  if (!viewer.isAdmin && visible.length === 0) visible.push({ email: viewer.email, images: 0, cost: 0 });
  const rows = [...visible].sort(
    (a, b) => b.cost - a.cost || b.images - a.images || a.email.localeCompare(b.email),
  );
  const total = rows.reduce(
    (sum, row) => ({ users: sum.users + 1, images: sum.images + row.images, cost: sum.cost + row.cost }),
    { users: 0, images: 0, cost: 0 },
  );
  return { rows, total: { ...total, cost: roundUsd(total.cost) } };
}
