// End to end, auth off (the caller is dev@local, an admin): the real server with the fake Gemini over
// HTTP and the official MCP v1 client. Monthly budgets refuse exactly when they should (one call at a
// time, six at once, per-person overrides up and down, across a month boundary on an injected clock),
// a refused call reaches neither Gemini nor the disk, and help tells the budget.
import { readdir } from 'node:fs/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.close();
  await server?.stop();
  server = undefined;
  client = undefined;
});

/** Flash at 1K is priced $0.067 here whatever the model lineup's list price, so the sums stay fixed. */
const PRICES = { IMG_COST_FLASH_1K: '0.067' };

async function start(env: Record<string, string>, clock?: () => Date): Promise<{ s: TestServer; c: Client }> {
  server = await startTestServer({ env: { ...PRICES, ...env }, ...(clock === undefined ? {} : { clock }) });
  client = await connectClient(server.url);
  return { s: server, c: client };
}

async function imagesOnDisk(s: TestServer): Promise<string[]> {
  return (await readdir(s.root)).filter((name) => /^[0-9a-f]{32}\.(jpg|png)$/.test(name));
}

async function generate(c: Client, args: Record<string, unknown> = {}) {
  return callTool(c, 'generate_image', { prompt: 'a lighthouse at dusk', ...args });
}

describe('monthly budgets over MCP', () => {
  it('allows images until the next would pass the budget, then refuses without calling Gemini', async () => {
    const { s, c } = await start({ IMG_BUDGET_USD: '0.2' }, () => new Date('2026-11-10T09:00:00Z'));
    for (let i = 0; i < 2; i++) expect((await generate(c)).isError, `image ${i + 1}`).toBeFalsy();

    const refused = await generate(c);
    expect(refused.isError).toBe(true);
    const message = textOf(refused);
    expect(message).toContain('this image ($0.067) would take you past your monthly budget');
    expect(message).toContain('You have spent $0.134 of $0.20 in November 2026 (UTC)');
    expect(message).toContain('It resets on 1 December 2026 (00:00 UTC)');
    expect(message).toContain('ask the operator of this server');
    expect(s.gemini.requests).toHaveLength(2);
    expect(await imagesOnDisk(s)).toHaveLength(2);

    const help = textOf(await callTool(c, 'help'));
    expect(help).toContain('## Your budget');
    expect(help).toContain('Your monthly budget is $0.20, so $0.066 is left');
  });

  it('lets exactly two of six parallel calls through when the budget fits two', async () => {
    const { s, c } = await start({ IMG_BUDGET_USD: '0.14' });
    s.gemini.setScenario('slow');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => generate(c, { prompt: `parallel picture ${i}` })),
    );
    expect(results.filter((r) => !r.isError)).toHaveLength(2);
    const refusals = results.filter((r) => r.isError).map(textOf);
    expect(refusals).toHaveLength(4);
    for (const text of refusals) expect(text).toContain('would take you past your monthly budget');
    expect(s.gemini.requests).toHaveLength(2);
    expect(await imagesOnDisk(s)).toHaveLength(2);
  });

  it('gives back the hold of a call Gemini fails, so the next call can use it', async () => {
    const { s, c } = await start({ IMG_BUDGET_USD: '0.07' });
    s.gemini.setScenario('prompt_blocked');
    expect((await generate(c)).isError).toBe(true);
    s.gemini.setScenario(undefined);
    expect((await generate(c)).isError).toBeFalsy();
    expect(s.gemini.requests).toHaveLength(2);
  });

  it('applies a per-person budget above the default', async () => {
    const { s, c } = await start({ IMG_BUDGET_USD: '0.1', IMG_BUDGETS: 'dev@local=0.25' });
    for (let i = 0; i < 3; i++) expect((await generate(c)).isError, `image ${i + 1}`).toBeFalsy();
    const refused = await generate(c);
    expect(textOf(refused)).toContain('You have spent $0.201 of $0.25');
    expect(s.gemini.requests).toHaveLength(3);
  });

  it('applies a per-person budget below the default, refusing the first call', async () => {
    const { s, c } = await start({ IMG_BUDGET_USD: '5', IMG_BUDGETS: 'dev@local=0.05' });
    const refused = await generate(c);
    expect(textOf(refused)).toContain('You have spent $0.00 of $0.05');
    expect(s.gemini.requests).toHaveLength(0);
    expect(await imagesOnDisk(s)).toHaveLength(0);
  });

  it('starts a fresh budget when the month turns, in UTC', async () => {
    let now = new Date('2026-11-30T23:59:00Z');
    const { c } = await start({ IMG_BUDGET_USD: '0.1' }, () => now);
    expect((await generate(c)).isError).toBeFalsy();
    expect(textOf(await generate(c))).toContain('It resets on 1 December 2026');
    now = new Date('2026-12-01T00:00:00Z');
    expect((await generate(c)).isError).toBeFalsy();
    const usage = await callTool(c, 'get_usage');
    expect(usage.structuredContent).toMatchObject({
      month: '2026-12',
      budget_resets_at: '2027-01-01T00:00:00.000Z',
      people: [
        {
          email: 'dev@local',
          month: { images: 1, spend_usd: 0.067 },
          all_time: { images: 2, spend_usd: 0.134 },
          budget_usd: 0.1,
          left_usd: 0.033,
        },
      ],
    });
  });
});
