// The cost-per-user table of the dashboard: one row per visible user with image count, estimated cost at list
// prices and the date of the newest image, plus a total over exactly the rows shown. Pure: it takes the
// ImageIndex usage roll-up and the viewer, and never reads a sidecar.
import type { Viewer } from '../http/types.js';
import { roundUsd } from '../models/index.js';
import type { UsageRow } from './ports.js';
import { canSeeUser } from './visibility.js';

export interface UsageTable {
  rows: UsageRow[];
  total: { users: number; images: number; cost: number };
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
