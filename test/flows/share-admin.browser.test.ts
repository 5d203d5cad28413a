// The share page, the gallery with its new links, the delete step and the admin page in headless
// Chromium, over a folder from the Python original plus new images (sign-in off, so the viewer is the
// admin dev@local). Checks what a person would see (images load, nothing overflows a phone screen, the
// chart draws, deleting works by plain form posts) and saves screenshots in light, dark and phone sizes
// to screenshots/ for a human to look at.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserOptions, openBrowser, prepareBrowserFlow, SCREENSHOTS } from '../helpers/browser.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { makeOriginalFolder, ORIGINAL_HISTORY } from '../helpers/original-folder.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const made: string[] = [];

const LOOKS: [string, BrowserOptions][] = [
  ['desktop-light', { colorScheme: 'light' }],
  ['desktop-dark', { colorScheme: 'dark' }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 }],
];

beforeAll(async () => {
  await prepareBrowserFlow();
  const root = await mkdtemp(join(tmpdir(), 'image-studio-share-browser-'));
  await makeOriginalFolder(root);
  server = await startTestServer({ root });
  const client = await connectClient(server.url);
  for (const [prompt, aspect_ratio] of [
    ['a red fox curled up in fresh snow, soft morning light, shallow depth of field', '16:9'],
    ['a teapot shaped like a whale', '1:1'],
  ] as const) {
    const result = await callTool(client, 'generate_image', { prompt, aspect_ratio });
    expect(result.isError, textOf(result)).toBeFalsy();
    made.push(String((result.structuredContent as { name: string }).name));
  }
  await client.close();
});

afterAll(async () => {
  await server?.stop();
});

async function withPage(options: BrowserOptions, work: (page: Page) => Promise<void>): Promise<void> {
  const session = await openBrowser(options);
  try {
    await work(session.page);
  } finally {
    await session.close();
  }
}

async function expectNoSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.each(LOOKS)('in %s', (look, options) => {
  it('shows the share page with the image loaded and a download button', async () => {
    await withPage(options, async (page) => {
      await page.goto(`${server.url}/v/${made[0]}`);
      const loaded = await page
        .locator('img.shared')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      expect(loaded).toBe(true);
      expect(await page.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/d/${made[0]}`);
      await expectNoSideways(page);
      await page.screenshot({ path: join(SCREENSHOTS, `share-${look}.png`), fullPage: true });
      await page.goto(`${server.url}/v/${made[0]}?plain=1`);
      await page.screenshot({ path: join(SCREENSHOTS, `share-plain-${look}.png`) });
    });
  });

  it("shows a gallery of the original's records with share, download and delete links", async () => {
    await withPage(options, async (page) => {
      await page.goto(`${server.url}/ui/gallery?user=bob%40example.com`);
      expect(await page.locator('li.card').count()).toBe(2);
      // Thumbnails load lazily and the original's are made on first request: wait for both to arrive.
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('a.thumb img')].every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      );
      await expect(page.getByRole('link', { name: 'Share' }).first().getAttribute('href')).resolves.toMatch(
        /^\/v\//,
      );
      await expectNoSideways(page);
      await page.screenshot({ path: join(SCREENSHOTS, `gallery-links-${look}.png`), fullPage: true });
    });
  });

  it('shows the admin page with its chart and day table', async () => {
    await withPage(options, async (page) => {
      await page.goto(`${server.url}/ui/admin`);
      expect(await page.locator('svg.chart rect.bar').count()).toBe(14);
      expect(await page.locator('table.days tbody tr').count()).toBe(14);
      expect(await page.getByText('ada.lovelace@example.com').count()).toBeGreaterThan(0);
      await expectNoSideways(page);
      await page.screenshot({ path: join(SCREENSHOTS, `admin-${look}.png`), fullPage: true });
    });
  });
});

describe('deleting in the browser', () => {
  it('confirms, deletes with plain form posts and keeps the spend', async () => {
    await withPage({ colorScheme: 'light' }, async (page) => {
      await page.goto(`${server.url}/ui`);
      const before = await page.locator('tfoot td.num').nth(1).textContent();
      await page.goto(`${server.url}/ui/gallery`);
      await page.locator(`a[href="/ui/images/${made[1]}/delete"]`).click();
      await page.waitForURL(`**/ui/images/${made[1]}/delete`);
      await page.screenshot({ path: join(SCREENSHOTS, 'delete-confirm-desktop-light.png') });
      await page.getByRole('button', { name: 'Delete image' }).click();
      await page.waitForURL('**/ui/gallery?deleted=1');
      expect(await page.getByRole('status').textContent()).toContain('Image deleted');
      expect(await page.locator(`a[href="/v/${made[1]}"]`).count()).toBe(0);
      await page.goto(`${server.url}/ui`);
      expect(await page.locator('tfoot td.num').nth(1).textContent()).toBe(before);
      expect((await fetch(`${server.url}/i/${made[1]}`)).status).toBe(404);
      expect(ORIGINAL_HISTORY.length).toBeGreaterThan(0);
    });
  });
});
