// The budgets panel on the overview page, through the dashboard app: spend this month from the spend
// ledger against each person's budget, admins seeing everyone and others only themselves.
import { afterEach, describe, expect, it } from 'vitest';
import { makeSidecar, stemFor } from '../../../test/helpers/image-fixtures.js';
import { createHarness, type Harness, send, signIn } from '../../../test/helpers/ui-harness.js';

let harness: Harness;
afterEach(() => harness.cleanup());

const NOW = Date.UTC(2026, 10, 20, 12, 0);
const BUDGETS = {
  IMG_BUDGET_USD: '1',
  IMG_BUDGETS: 'boss@example.com=10,eve@example.com=0',
  IMG_ALLOWED_EMAILS: 'ann@example.com,boss@example.com,eve@example.com',
};

/** Ann: three November images (one with a Gemini usage cost, one since deleted) and one from October. */
async function seedAnn(): Promise<void> {
  const images = [
    { n: 1, created: '2026-11-02T10:00:00.000Z', usage_cost: 0.07, indexed: true },
    { n: 2, created: '2026-11-03T10:00:00.000Z', usage_cost: null, indexed: true },
    { n: 3, created: '2026-11-04T10:00:00.000Z', usage_cost: null, indexed: false },
    { n: 4, created: '2026-10-30T10:00:00.000Z', usage_cost: null, indexed: true },
  ];
  for (const image of images) {
    const sidecar = makeSidecar(`${stemFor(image.n)}.png`, {
      email: 'ann@example.com',
      cost: 0.25,
      created: image.created,
      usage_cost: image.usage_cost,
    });
    await harness.ledger.append(sidecar);
    if (image.indexed) harness.index.add(sidecar);
  }
}

describe('budgets panel', () => {
  it("shows a person their month's spend against their budget as a meter, deleted images included", async () => {
    harness = await createHarness({ env: BUDGETS, clock: () => NOW });
    await seedAnn();
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui')).text();
    expect(html).toContain('My budget for November 2026');
    expect(html).toContain('$0.750 of $1.000 (75%)');
    expect(html).toMatch(/<meter aria-labelledby="budget-0" min="0" max="1"[^>]* value="0.75"/);
    expect(html).toContain(
      '3 images this month · $0.250 left · $0.070 by Gemini&#39;s usage figures (for 1 of them)',
    );
    expect(html).toContain('Budgets start again on 1 December 2026');
    expect(html).not.toContain('boss@example.com</span>');
  });

  it('shows an admin everyone allowed or budgeted, with no meter where there is no room to measure', async () => {
    harness = await createHarness({ env: BUDGETS, clock: () => NOW });
    await seedAnn();
    const html = await (await send(harness, await signIn(harness, 'boss@example.com'), '/ui')).text();
    expect(html).toContain('Budgets for November 2026');
    const order = ['boss@example.com', 'ann@example.com', 'eve@example.com'].map((e) =>
      html.indexOf(`class="who-line">${e}</span>`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('$0.000 of $10.000 (0%)');
    expect(html).toContain('$0.000 spent · may not generate (budget $0)');
    expect(html.match(/<meter /g)).toHaveLength(2);
  });

  it('says there is no cap when no budget is configured', async () => {
    harness = await createHarness({ clock: () => NOW });
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui')).text();
    expect(html).toContain('$0.000 spent · no cap');
    expect(html).not.toContain('<meter');
  });
});
