import { appendFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../test/helpers/image-fixtures.js';
import { createSpendLedger, LEDGER_FILE, LEDGER_FOLDER, type SpendEntry } from './ledger.js';

const entry = (n: number, overrides: Partial<SpendEntry> = {}): SpendEntry => ({
  name: `${n.toString(16).padStart(32, '0')}.png`,
  email: 'ada@example.com',
  cost: 0.067,
  model: 'gemini-2.5-flash-image-preview',
  created: '2026-05-01T10:00:00+00:00',
  ...overrides,
});

describe('spend ledger', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'spend-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const ledgerPath = () => join(root, LEDGER_FOLDER, LEDGER_FILE);
  const open = async (records: SpendEntry[]) => {
    const { logger, warnings } = createCapturingLogger();
    const ledger = createSpendLedger({ root, logger });
    await ledger.open(records);
    return { ledger, warnings };
  };

  it('is seeded from the records the first time it opens', async () => {
    const { ledger } = await open([entry(1), entry(2, { cost: 0.134 })]);
    expect(ledger.totalFor('ada@example.com')).toBeCloseTo(0.201, 9);
    const lines = (await readFile(ledgerPath(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
  });

  it('never counts a record twice when opened again with the same records', async () => {
    await open([entry(1), entry(2)]);
    const { ledger } = await open([entry(1), entry(2)]);
    expect(ledger.entries()).toHaveLength(2);
    expect(ledger.totalFor('ada@example.com')).toBeCloseTo(0.134, 9);
  });

  it('keeps the spend of images whose records are gone', async () => {
    await open([entry(1), entry(2)]);
    const { ledger } = await open([entry(2)]);
    expect(ledger.totalFor('ada@example.com')).toBeCloseTo(0.134, 9);
  });

  it('is rebuilt from the records when its file was lost', async () => {
    await open([entry(1)]);
    await rm(ledgerPath());
    const { ledger } = await open([entry(1), entry(3)]);
    expect(ledger.entries().map((e) => e.name)).toEqual([entry(1).name, entry(3).name]);
  });

  it('adds records written after the last start (a crash between sidecar and ledger line)', async () => {
    await open([entry(1)]);
    const { ledger } = await open([entry(1), entry(2)]);
    expect(ledger.has(entry(2).name)).toBe(true);
  });

  it('appends once per image name and counts mixed-case e-mails as one person', async () => {
    const { ledger } = await open([]);
    expect(await ledger.append(entry(1, { email: 'Ada@Example.COM' }))).toBe(true);
    expect(await ledger.append(entry(1))).toBe(false);
    expect(await ledger.append(entry(2))).toBe(true);
    expect(ledger.totalFor('ADA@example.com')).toBeCloseTo(0.134, 9);
    expect(ledger.entries()[0]?.email).toBe('ada@example.com');
  });

  it('lists people by spend with their count and newest generation', async () => {
    const { ledger } = await open([
      entry(1),
      entry(2, { email: 'bob@example.com', cost: 0.3, created: '2026-05-09T00:00:00Z' }),
      entry(3, { created: '2026-05-02T00:00:00Z' }),
    ]);
    expect(ledger.people()).toEqual([
      { email: 'bob@example.com', count: 1, cost: 0.3, lastCreated: '2026-05-09T00:00:00.000Z' },
      { email: 'ada@example.com', count: 2, cost: 0.134, lastCreated: '2026-05-02T00:00:00.000Z' },
    ]);
  });

  it('keeps every line when many appends run at once', async () => {
    const { ledger } = await open([]);
    await Promise.all(Array.from({ length: 40 }, (_, i) => ledger.append(entry(i + 1))));
    const { ledger: reopened } = await open([]);
    expect(reopened.entries()).toHaveLength(40);
  });

  it('writes one line for an image appended twice at the same moment', async () => {
    const { ledger } = await open([]);
    const outcomes = await Promise.all([ledger.append(entry(5)), ledger.append(entry(5))]);
    expect(outcomes.sort()).toEqual([false, true]);
    expect((await readFile(ledgerPath(), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('refuses every append of a write that failed, then records the next ones normally', async () => {
    const { ledger } = await open([entry(1)]);
    await rm(ledgerPath());
    await mkdir(ledgerPath());
    const failed = await Promise.allSettled([ledger.append(entry(2)), ledger.append(entry(3))]);
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(ledger.has(entry(2).name)).toBe(false);
    await rm(ledgerPath(), { recursive: true });
    expect(await ledger.append(entry(2))).toBe(true);
    expect(ledger.entries().map((e) => e.name)).toEqual([entry(1).name, entry(2).name]);
  });

  it('waits for opening before an early append, without losing either', async () => {
    const { logger } = createCapturingLogger();
    const ledger = createSpendLedger({ root, logger });
    const early = ledger.append(entry(9));
    await ledger.open([entry(1), entry(9)]);
    expect(await early).toBe(true);
    expect(ledger.entries()).toHaveLength(2);
  });

  it('sums spend per calendar month in UTC', async () => {
    const { ledger } = await open([
      entry(1, { created: '2026-04-30T23:30:00-02:00' }),
      entry(2, { created: '2026-05-31T23:59:59Z' }),
      entry(3, { created: '2026-06-01T00:00:00Z' }),
    ]);
    expect(ledger.spentInMonth('ada@example.com', '2026-05')).toBeCloseTo(0.134, 9);
    expect(ledger.spentInMonth('ada@example.com', '2026-06')).toBeCloseTo(0.067, 9);
    expect(ledger.spentInMonth('bob@example.com', '2026-05')).toBe(0);
  });

  it('skips a damaged line with a warning and starts the next append on a fresh line', async () => {
    await open([entry(1)]);
    await appendFile(ledgerPath(), '{"name":"torn');
    const { ledger, warnings } = await open([]);
    expect(warnings().map((w) => w.msg)).toContain('skipping damaged lines in the spend ledger');
    await ledger.append(entry(2));
    const { ledger: reopened } = await open([]);
    expect(reopened.entries().map((e) => e.name)).toEqual([entry(1).name, entry(2).name]);
  });

  it('refuses to write through a symlink planted in place of the ledger', async () => {
    await writeFile(join(root, 'elsewhere.jsonl'), `${JSON.stringify(entry(5))}\n`);
    await mkdir(join(root, LEDGER_FOLDER));
    await symlink(join(root, 'elsewhere.jsonl'), ledgerPath());
    const { logger } = createCapturingLogger();
    const ledger = createSpendLedger({ root, logger });
    await expect(ledger.open([entry(1)])).rejects.toThrow();
    expect((await readFile(join(root, 'elsewhere.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('carries over spend the Python server counted for images deleted there, once', async () => {
    await writeFile(
      join(root, 'spend.json'),
      JSON.stringify({ 'Ada@Example.com': 0.2, 'gone@example.com': 0.5 }, null, 2),
    );
    const { ledger } = await open([entry(1), entry(2)]);
    expect(ledger.totalFor('ada@example.com')).toBeCloseTo(0.2, 9);
    expect(ledger.totalFor('gone@example.com')).toBeCloseTo(0.5, 9);
    expect(ledger.spentInMonth('ada@example.com', '2026-05')).toBeCloseTo(0.134, 9);
    const { ledger: again } = await open([entry(1), entry(2), entry(3)]);
    expect(again.totalFor('ada@example.com')).toBeCloseTo(0.267, 9);
    expect(again.entries()).toHaveLength(5);
  });

  it('ignores a spend.json that is not what the Python server wrote', async () => {
    await writeFile(join(root, 'spend.json'), '[1, 2');
    const { ledger, warnings } = await open([entry(1)]);
    expect(ledger.entries()).toHaveLength(1);
    expect(warnings().map((w) => w.msg)).toContain(
      'ignoring an unreadable spend.json from the Python server',
    );
  });
});
