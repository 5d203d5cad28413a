import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserOptions,
  type BrowserSession,
  openBrowser,
  prepareBrowserFlow,
  SCREENSHOTS,
} from '../helpers/browser.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  await prepareBrowserFlow();
  server = await startTestServer({
    env: {
      IMG_BUDGET_USD: '0.5',
      // Flash at 1K is priced $0.067 here whatever the model lineup's list price, so the sums stay fixed.
      IMG_COST_FLASH_1K: '0.067',
      IMG_BUDGETS: 'dev@local=0.3,ann@example.com=2,eve@example.com=0',
      IMG_ALLOWED_EMAILS: 'ann@example.com',
    },
  });
  client = await connectClient(server.url);
  for (const prompt of ['a red fox', 'a blue whale', 'a green dragon']) {
    const result = await callTool(client, 'generate_image', { prompt });
    expect(result.isError, textOf(result)).toBeFalsy();
  }
}, 120_000);

afterAll(async () => {
  for (const session of sessions) await session.close();
  await client?.close();
  await server?.stop();
});

async function overview(options: BrowserOptions = {}): Promise<BrowserSession> {
  const session = await openBrowser(options);
  sessions.push(session);
  await session.page.goto(`${server.url}/ui`);
  return session;
}

describe('budgets panel in Chromium', () => {
  it('shows spend against budget as a meter named after its person, without any script', async () => {
    const { page } = await overview();
    const meter = page.locator('meter').first();
    expect(await meter.getAttribute('value')).toBe('0.201');
    expect(await meter.getAttribute('max')).toBe('0.3');
    const name = await meter.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent,
    );
    expect(name).toBe('dev@local');
    expect(await page.locator('.budget').first().textContent()).toContain('$0.201 of $0.300 (67%)');
    expect(await page.locator('script').count()).toBe(0);
    const people = await page.$$eval('.budget .who-line', (cells) => cells.map((c) => c.textContent));
    expect(people).toEqual(['dev@local', 'ann@example.com', 'eve@example.com']);
    await page.screenshot({ path: join(SCREENSHOTS, 'budgets-desktop-light.png'), fullPage: true });
  });

  it('reads well in dark mode and on a phone', async () => {
    const dark = await overview({ colorScheme: 'dark' });
    await dark.page.screenshot({ path: join(SCREENSHOTS, 'budgets-desktop-dark.png'), fullPage: true });
    const phone = await overview({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'budgets-phone.png'), fullPage: true });
  });
});
