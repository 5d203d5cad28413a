import { describe, expect, it } from 'vitest';
import { buildUsageTable, mergeUsage } from './usage-view.js';

const admin = { email: 'boss@example.com', isAdmin: true };
const ann = { email: 'ann@example.com', isAdmin: false };

describe('buildUsageTable', () => {
  const usage = [
    { email: 'ann@example.com', images: 3, cost: 0.201, lastCreated: '2025-01-03T10:00:00.000Z' },
    { email: 'bob@example.com', images: 10, cost: 1.34, lastCreated: '2025-01-04T10:00:00.000Z' },
    { email: 'cy@example.com', images: 1, cost: 0.067, lastCreated: '2025-01-01T10:00:00.000Z' },
  ];

  it('shows an admin every user, most expensive first, with a total over all of them', () => {
    const table = buildUsageTable(admin, usage);
    expect(table.rows.map((r) => r.email)).toEqual(['bob@example.com', 'ann@example.com', 'cy@example.com']);
    expect(table.total).toEqual({ users: 3, images: 14, cost: 1.608 });
  });

  it('shows a user only their own row, and a total equal to it', () => {
    const table = buildUsageTable(ann, usage);
    expect(table.rows).toEqual([usage[0]]);
    expect(table.total).toEqual({ users: 1, images: 3, cost: 0.201 });
  });

  it('shows a user with no images yet a zero row rather than an empty table', () => {
    const table = buildUsageTable({ email: 'new@example.com', isAdmin: false }, usage);
    expect(table.rows).toEqual([{ email: 'new@example.com', images: 0, cost: 0 }]);
    expect(table.total).toEqual({ users: 1, images: 0, cost: 0 });
  });

  it('sums costs without floating-point noise', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ email: `u${i}@example.com`, images: 1, cost: 0.1 }));
    expect(buildUsageTable(admin, many).total.cost).toBe(1);
  });

  it('shows an admin an empty table with a zero total when nobody generated anything', () => {
    expect(buildUsageTable(admin, [])).toEqual({ rows: [], total: { users: 0, images: 0, cost: 0 } });
  });
});

describe('mergeUsage', () => {
  it('takes images kept from the index and spend from the ledger, so deletions never lower spend', () => {
    const kept = [
      { email: 'ann@example.com', images: 1, cost: 0.067, lastCreated: '2025-01-02T00:00:00.000Z' },
    ];
    const spent = [
      { email: 'ann@example.com', cost: 0.201, lastCreated: '2025-01-03T00:00:00.000Z' },
      { email: 'gone@example.com', cost: 0.134, lastCreated: '2025-01-01T00:00:00.000Z' },
    ];
    expect(mergeUsage(kept, spent)).toEqual([
      { email: 'ann@example.com', images: 1, cost: 0.201, lastCreated: '2025-01-03T00:00:00.000Z' },
      { email: 'gone@example.com', images: 0, cost: 0.134, lastCreated: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('never shows less than the images kept cost, should the ledger lack them', () => {
    const kept = [
      { email: 'ann@example.com', images: 2, cost: 0.134, lastCreated: '2025-01-02T00:00:00.000Z' },
    ];
    expect(mergeUsage(kept, [])[0]?.cost).toBe(0.134);
  });
});
