import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { createBudgetGuard } from './guard.js';
import { createBudgetPolicy } from './policy.js';
import type { SpendSource } from './spend.js';

/** A spend source over an array, standing in for the ledger: `record` is what a stored image adds. */
function memorySpend() {
  const spent: { email: string; month: string; usd: number; name: string }[] = [];
  const source: SpendSource = {
    spentInMonth: async (email, month) =>
      spent.filter((s) => s.email === email && s.month === month).reduce((sum, s) => sum + s.usd, 0),
    entriesOf: async () => [],
    entriesInMonth: async () => [],
    people: async () => [...new Set(spent.map((s) => s.email))],
    isRecorded: (name) => spent.some((s) => s.name === name),
    actualCostOf: () => null,
  };
  let counter = 0;
  /** Adds one image's spend and returns its name. */
  const record = (email: string, month: string, usd: number): string => {
    const name = `image-${++counter}`;
    spent.push({ email, month, usd, name });
    return name;
  };
  return { source, record };
}

function setUp(
  budgets: { defaultUsd?: number; perPerson?: { email: string; usd: number }[] },
  now = '2026-11-15T12:00:00Z',
) {
  const spend = memorySpend();
  let time = new Date(now);
  const guard = createBudgetGuard({
    policy: createBudgetPolicy({ defaultUsd: budgets.defaultUsd, perPerson: budgets.perPerson ?? [] }),
    spend: spend.source,
    clock: () => time,
    admins: ['boss@example.com'],
  });
  /** One whole generation: reserve, "store" the image, settle. */
  const generate = async (email: string, usd: number) => {
    const reservation = await guard.reserve(email, usd);
    const name = spend.record(email.toLowerCase(), time.toISOString().slice(0, 7), usd);
    await reservation.settle(name);
  };
  return { guard, spend, generate, setTime: (iso: string) => (time = new Date(iso)) };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('budget guard', () => {
  it('lets a person spend up to the budget exactly, one image at a time, then refuses', async () => {
    const { guard, generate } = setUp({ defaultUsd: 0.2 });
    await generate('ada@example.com', 0.067);
    await generate('ada@example.com', 0.067);
    await generate('ada@example.com', 0.066);
    const refused = await refusal(guard.reserve('ada@example.com', 0.001));
    expect(refused.code).toBe('budget_exceeded');
    expect(refused.message).toContain('You have spent $0.20 of $0.20 in November 2026 (UTC)');
    expect(refused.message).toContain('It resets on 1 December 2026 (00:00 UTC)');
    expect(refused.message).toContain('boss@example.com');
  });

  it('never lets parallel calls together pass the budget: of six, exactly two get a hold', async () => {
    const { guard } = setUp({ defaultUsd: 0.14 });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => guard.reserve('ada@example.com', 0.067)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && String(rejected.reason.message)).toContain(
      'is held for your images being generated right now',
    );
  });

  it('still counts an image whose call finishes while another call is reading the spend', async () => {
    let recorded = 0;
    const reads: (() => void)[] = [];
    const guard = createBudgetGuard({
      policy: createBudgetPolicy({ defaultUsd: 0.1, perPerson: [] }),
      // Each read takes the spend as it is now but answers only when the test lets it: a slow ledger.
      spend: {
        spentInMonth: () => {
          const snapshot = recorded;
          return new Promise((resolve) => reads.push(() => resolve(snapshot)));
        },
        entriesOf: async () => [],
        entriesInMonth: async () => [],
        people: async () => [],
        isRecorded: () => recorded > 0,
        actualCostOf: () => null,
      },
      clock: () => new Date('2026-11-15T12:00:00Z'),
      admins: [],
    });
    const answerNextRead = async () => {
      while (reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
      reads.shift()?.();
    };
    const first = guard.reserve('ada@example.com', 0.067);
    await answerNextRead();
    const held = await first;
    const second = refusal(guard.reserve('ada@example.com', 0.067));
    while (reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // The first image is stored and settles while the second call's read is still on its way.
    recorded = 0.067;
    const settled = held.settle('first.jpg');
    await answerNextRead();
    expect((await second).code).toBe('budget_exceeded');
    await settled;
  });

  it('frees a released hold and does not count a settled one twice', async () => {
    const { guard, spend } = setUp({ defaultUsd: 0.14 });
    const first = await guard.reserve('ada@example.com', 0.067);
    const second = await guard.reserve('ada@example.com', 0.067);
    second.release();
    const name = spend.record('ada@example.com', '2026-11', 0.067);
    await first.settle(name);
    await first.settle(name);
    await guard.reserve('ada@example.com', 0.067);
    expect((await refusal(guard.reserve('ada@example.com', 0.067))).code).toBe('budget_exceeded');
  });

  it('keeps holding the price of an image whose spend could not be recorded, until the month ends', async () => {
    const { guard, setTime } = setUp({ defaultUsd: 0.1 }, '2026-11-30T23:00:00Z');
    const held = await guard.reserve('ada@example.com', 0.067);
    await held.settle('never-recorded.jpg');
    expect((await refusal(guard.reserve('ada@example.com', 0.067))).message).toContain(
      '$0.067 is held for your images',
    );
    setTime('2026-12-01T00:00:00Z');
    await guard.reserve('ada@example.com', 0.067);
  });

  it('keeps each person to their own budget', async () => {
    const { guard, generate } = setUp({ defaultUsd: 0.07 });
    await generate('ada@example.com', 0.067);
    await guard.reserve('bob@example.com', 0.067);
  });

  it('applies a per-person budget above the default', async () => {
    const { guard, generate } = setUp({
      defaultUsd: 0.1,
      perPerson: [{ email: 'ada@example.com', usd: 0.3 }],
    });
    for (let i = 0; i < 4; i++) await generate('ADA@example.com', 0.067);
    expect((await refusal(guard.reserve('ada@example.com', 0.067))).message).toContain('of $0.30');
    await generate('bob@example.com', 0.067);
    expect((await refusal(guard.reserve('bob@example.com', 0.067))).message).toContain('of $0.10');
  });

  it('applies a per-person budget below the default, and 0 stops a person entirely', async () => {
    const { guard } = setUp({
      defaultUsd: 5,
      perPerson: [
        { email: 'ada@example.com', usd: 0.05 },
        { email: 'eve@example.com', usd: 0 },
      ],
    });
    expect((await refusal(guard.reserve('ada@example.com', 0.067))).message).toContain('of $0.05');
    const zero = await refusal(guard.reserve('eve@example.com', 0));
    expect(zero.message).toContain('Your monthly image budget on this server is $0');
    expect(zero.message).toContain('boss@example.com');
    await guard.reserve('bob@example.com', 4.5);
  });

  it('starts a fresh budget on the first of the month, UTC', async () => {
    const { guard, generate, setTime } = setUp({ defaultUsd: 0.1 }, '2026-12-31T23:59:00Z');
    await generate('ada@example.com', 0.067);
    expect((await refusal(guard.reserve('ada@example.com', 0.067))).message).toContain(
      'It resets on 1 January 2027',
    );
    setTime('2027-01-01T00:00:00Z');
    await guard.reserve('ada@example.com', 0.067);
    expect(await guard.status('ada@example.com')).toMatchObject({
      month: '2027-01',
      budgetUsd: 0.1,
      spentUsd: 0,
      leftUsd: 0.1,
    });
  });

  it('has no cap without IMG_BUDGET_USD or an entry of the person', async () => {
    const { guard } = setUp({});
    await guard.reserve('ada@example.com', 1000);
    expect(await guard.status('ada@example.com')).toMatchObject({ budgetUsd: undefined, leftUsd: undefined });
  });
});
