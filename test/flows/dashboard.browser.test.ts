// The /ui dashboard end to end in headless Chromium: the real server (auth on) with the fake Google and
// fake Gemini over loopback, images written by the real store before start. A normal user and an admin
// sign in through Google's page and see what they may; the gallery loads thumbnails only, within 2 MB a
// page; the default-model picker decides the model of the next MCP generation; a form without its CSRF
// token is refused; sign-out stays signed out. Screenshots land in screenshots/ for a human to look at.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/auth/keys.js';
import { canonicalResource } from '../../src/auth/resource.js';
import { createTokenService } from '../../src/auth/tokens.js';
import { createImageStore } from '../../src/images/index.js';
import { createSilentLogger } from '../../src/log.js';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google.js';
import {
  type BrowserOptions,
  type BrowserSession,
  openBrowser,
  prepareBrowserFlow,
  SCREENSHOTS,
} from '../helpers/browser.js';
import { busyPixels } from '../helpers/image-fixtures.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const CLIENT_ID = 'dashboard-test.apps.example';
const CLIENT_SECRET = 'dashboard-test-secret';
const SIGNING_KEY = '9b1e4c7a2d5f8e0b3c6a9d2f5e8b1c4a7d0e3f6b9c2a5d8e';
const ANN = 'ann@example.com';
const BOSS = 'boss@example.com';
const PAGE_BUDGET_BYTES = 2 * 1024 * 1024;
const SCRIPT_PROMPT = '<script>alert("pwned")</script> a cat in a hat';

let google: FakeGoogle;
let server: TestServer;
let root: string;
const redirectUris: string[] = [];
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  await prepareBrowserFlow();
  google = await startFakeGoogle({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris });
  root = await mkdtemp(join(tmpdir(), 'image-studio-dashboard-'));
  await seedImages(root);
  server = await startTestServer({
    root,
    env: {
      IMG_AUTH_DISABLED: '0',
      GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      IMG_JWT_SIGNING_KEY: SIGNING_KEY,
      IMG_ALLOWED_EMAILS: `${ANN},${BOSS}`,
      IMG_ADMIN_EMAILS: BOSS,
      IMG_GOOGLE_ISSUER: google.issuer,
    },
  });
  // The server's port is only known now; the fake Google reads this list on every request.
  redirectUris.push(`${server.url}/auth/callback`, `${server.url}/ui/auth/callback`);
}, 120_000);

afterAll(async () => {
  for (const session of sessions) await session.close();
  await server?.stop();
  await google?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

async function browser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const session = await openBrowser(options);
  sessions.push(session);
  return session;
}

/** Signs in through the fake Google's account chooser, as a person would. */
async function signInWithChooser(session: BrowserSession, email: string): Promise<void> {
  const { page } = session;
  await page.goto(`${server.url}/ui`);
  await page.waitForURL(/\/o\/oauth2\/v2\/auth/);
  await page.fill('#email', email);
  await page.click('#continue');
  await page.waitForURL(`${server.url}/ui`);
}

/** Scrolls through the page so lazy thumbnails load, then waits until every image has decoded. */
async function loadAllImages(session: BrowserSession): Promise<void> {
  const { page } = session;
  const images = page.locator('img');
  for (let i = 0; i < (await images.count()); i += 4) await images.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  await page.waitForLoadState('networkidle');
  await session.settle();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function rowsOfCostTable(session: BrowserSession): Promise<string[]> {
  return session.page.$$eval('table tbody th', (cells) =>
    cells.map((cell) => cell.textContent?.trim() ?? ''),
  );
}

describe('dashboard in Chromium', () => {
  let ann: BrowserSession;

  it('lets a normal user sign in through Google and shows only their own usage', async () => {
    ann = await browser();
    await signInWithChooser(ann, ANN);
    expect(await ann.page.textContent('h1')).toBe('Overview');
    expect(await ann.page.textContent('#cost-heading')).toBe('My usage');
    expect(await rowsOfCostTable(ann)).toEqual([ANN]);
    expect(await ann.page.textContent('tfoot')).toContain('Total (1 user)105');
    expect(await ann.page.locator('.badge', { hasText: 'admin' }).count()).toBe(0);
    const cookies = await ann.context.cookies(`${server.url}/ui`);
    const session = cookies.find((cookie) => cookie.name === 'img_ui_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/ui' });
    await ann.page.screenshot({ path: join(SCREENSHOTS, 'overview-desktop-light.png'), fullPage: true });
  });

  it('shows thumbnails, not full images, and a page of 100 weighs under 2 MB', async () => {
    ann.resetLedger();
    let dialogs = 0;
    ann.page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await ann.page.goto(`${server.url}/ui/gallery`);
    await loadAllImages(ann);
    const thumbs = ann.ledger.filter((entry) => entry.url.includes('/ui/thumbs/'));
    const fullImages = ann.ledger.filter((entry) => new URL(entry.url).pathname.startsWith('/i/'));
    const total = ann.ledger.reduce((sum, entry) => sum + entry.bytes, 0);
    expect(await ann.page.locator('ul.cards > li').count()).toBe(100);
    expect(thumbs).toHaveLength(100);
    expect(thumbs.every((entry) => entry.contentType === 'image/webp' && entry.status === 200)).toBe(true);
    expect(fullImages).toEqual([]);
    expect(total).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    const widest = await ann.page.$$eval('ul.cards img', (imgs) =>
      Math.max(
        ...imgs.map((img) =>
          Math.max((img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight),
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(320);
    // The prompt with markup is shown as text and never runs.
    expect(dialogs).toBe(0);
    expect(await ann.page.locator('.prompt', { hasText: SCRIPT_PROMPT }).count()).toBe(1);
    await ann.page.screenshot({ path: join(SCREENSHOTS, 'gallery-desktop-light.png') });
  });

  it('folds long prompts until asked, pages to older images, and opens the full image on click', async () => {
    const details = ann.page.locator('details.prompt').first();
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    await ann.page.click('text=Older images →');
    expect(await ann.page.locator('ul.cards > li').count()).toBe(5);
    await ann.page.click('text=← Newest images');
    const href = await ann.page.locator('a.thumb').first().getAttribute('href');
    expect(href).toMatch(/^\/i\/[0-9a-f]{32}\.jpg$/);
    const [response] = await Promise.all([
      ann.page.waitForResponse(`${server.url}${href}`),
      ann.page.locator('a.thumb').first().click(),
    ]);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    await ann.page.goBack();
  });

  it('lets an admin see every user and open their galleries', async () => {
    const boss = await browser({ colorScheme: 'dark' });
    google.setNextUser({ email: BOSS, email_verified: true });
    await boss.page.goto(`${server.url}/ui/login`);
    await boss.page.waitForURL(`${server.url}/ui`);
    expect(await boss.page.textContent('#cost-heading')).toBe('Cost per user');
    expect((await rowsOfCostTable(boss)).sort()).toEqual([ANN, BOSS, 'cy@example.com']);
    expect(await boss.page.textContent('tfoot')).toContain('Total (3 users)111');
    await boss.page.screenshot({ path: join(SCREENSHOTS, 'overview-desktop-dark.png'), fullPage: true });
    await boss.page.click(`table a:text("${ANN}")`);
    expect(await boss.page.textContent('h1')).toBe(`Images of ${ANN}`);
    await loadAllImages(boss);
    await boss.page.screenshot({ path: join(SCREENSHOTS, 'gallery-desktop-dark.png') });
  });

  it('refuses an e-mail that is not invited, with an explanation and no session', async () => {
    const eve = await browser();
    await eve.page.goto(`${server.url}/ui/login`);
    await eve.page.fill('#email', 'eve@example.com');
    await eve.page.click('#continue');
    await eve.page.waitForURL(/\/ui\/auth\/callback/);
    expect(await eve.page.textContent('h1')).toBe('Invitation only');
    await eve.page.screenshot({ path: join(SCREENSHOTS, 'invitation-only-desktop-light.png') });
    expect((await eve.context.cookies(`${server.url}/ui`)).some((c) => c.name === 'img_ui_session')).toBe(
      false,
    );
  });

  it('uses the default model saved in the picker for the next generation without a model', async () => {
    await ann.page.goto(`${server.url}/ui`);
    await ann.page.check('input[name="model"][value="pro"]');
    await ann.page.click('button:text("Save default model")');
    await ann.page.waitForURL(`${server.url}/ui?saved=model`);
    expect(await ann.page.textContent('.notice')).toContain('Nano Banana Pro');
    const token = await accessTokenFor(ANN);
    const client = await connectClient(server.url, { authorization: `Bearer ${token}` });
    try {
      const result = await callTool(client, 'generate_image', { prompt: 'a lighthouse, default model' });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ model: 'pro', model_id: 'gemini-3-pro-image' });
      expect(server.gemini.requests.at(-1)?.model).toBe('gemini-3-pro-image');
    } finally {
      await client.close();
    }
    await ann.page.goto(`${server.url}/ui/gallery`);
    const first = ann.page.locator('ul.cards > li').first();
    expect(await first.locator('.prompt').textContent()).toBe('a lighthouse, default model');
    expect(await first.locator('dd').nth(1).textContent()).toBe('Nano Banana Pro (pro)');
  });

  it('refuses a form posted without its CSRF token and changes nothing', async () => {
    await ann.page.goto(`${server.url}/ui`);
    await ann.page.check('input[name="model"][value="flash"]');
    await ann.page.evaluate(() =>
      document.querySelector('form[action="/ui/prefs/model"] input[name="csrf"]')?.remove(),
    );
    const [response] = await Promise.all([
      ann.page.waitForResponse((r) => r.url().endsWith('/ui/prefs/model')),
      ann.page.click('button:text("Save default model")'),
    ]);
    expect(response.status()).toBe(403);
    expect(await ann.page.textContent('h1')).toBe('Form refused');
    await ann.page.goto(`${server.url}/ui`);
    expect(await ann.page.isChecked('input[name="model"][value="pro"]')).toBe(true);
  });

  it('is usable from the keyboard', async () => {
    await ann.page.goto(`${server.url}/ui`);
    await ann.page.keyboard.press('Tab');
    expect(await ann.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Skip to content',
    );
    await ann.page.keyboard.press('Tab');
    const outline = await ann.page.evaluate(() => {
      const el = document.activeElement;
      return el === null ? 'none' : getComputedStyle(el).outlineStyle;
    });
    expect(outline).toBe('solid');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phone = await browser({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      deviceScaleFactor: 2,
    });
    google.setNextUser({ email: ANN, email_verified: true });
    await phone.page.goto(`${server.url}/ui/login`);
    await phone.page.waitForURL(`${server.url}/ui`);
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
    await phone.page.goto(`${server.url}/ui/gallery`);
    await loadAllImages(phone);
    expect(
      await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: join(SCREENSHOTS, 'gallery-phone.png') });
  });

  it('signs out to a page that stays put, and the dashboard then needs a new sign-in', async () => {
    await ann.page.goto(`${server.url}/ui`);
    const googleCalls = google.requests.length;
    await ann.page.click('button:text("Sign out")');
    await ann.page.waitForURL(`${server.url}/ui/signed-out`);
    await ann.page.waitForTimeout(300);
    expect(ann.page.url()).toBe(`${server.url}/ui/signed-out`);
    expect(await ann.page.textContent('h1')).toBe('Signed out');
    await ann.page.screenshot({ path: join(SCREENSHOTS, 'signed-out-desktop-light.png') });
    expect(google.requests.length).toBe(googleCalls);
    expect((await ann.context.cookies(`${server.url}/ui`)).some((c) => c.name === 'img_ui_session')).toBe(
      false,
    );
    const response = await ann.page.request.get(`${server.url}/ui`, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe('/ui/login');
  });
});

async function accessTokenFor(email: string): Promise<string> {
  const tokens = createTokenService({
    keys: createKeyRing(SIGNING_KEY),
    issuer: server.url,
    resource: canonicalResource(server.url),
    clock: Date.now,
  });
  return tokens.issueAccessToken({
    clientId: 'dashboard-test',
    sub: email,
    email,
    emailVerified: true,
    scope: '',
  });
}

const PROMPTS = [
  'a lighthouse on a cliff at dusk, oil painting',
  'isometric cutaway of a tiny bakery with warm lights and a cat sleeping on the counter, soft pastel palette, highly detailed, cosy winter evening, snow outside the windows, steam rising from fresh bread',
  'a red fox in the snow',
  'retro travel poster for the moon, bold typography',
  SCRIPT_PROMPT,
];
const SHAPES = [
  { ratio: '1:1', width: 768, height: 768 },
  { ratio: '16:9', width: 1024, height: 576 },
  { ratio: '9:16', width: 576, height: 1024 },
  { ratio: '4:3', width: 1024, height: 768 },
];

/** 105 images for ann (so the gallery has a second page), 4 for the admin, 2 for a former user. */
async function seedImages(folder: string): Promise<void> {
  const store = createImageStore({ root: folder, logger: createSilentLogger() });
  await store.init();
  const owners = [...Array(105).fill(ANN), ...Array(4).fill(BOSS), 'cy@example.com', 'cy@example.com'];
  const start = Date.UTC(2025, 4, 1);
  for (const [n, email] of owners.entries()) {
    const shape = SHAPES[n % SHAPES.length] ?? { ratio: '1:1', width: 768, height: 768 };
    const pro = n % 3 === 0;
    const bytes = await sharp(busyPixels(shape.width, shape.height, 30, n + 1), {
      raw: { width: shape.width, height: shape.height, channels: 3 },
    })
      .tint({ r: (n * 67) % 256, g: (n * 131) % 256, b: (n * 29) % 256 })
      .jpeg({ quality: 88 })
      .toBuffer();
    await store.saveGenerated({
      bytes,
      record: {
        email,
        prompt: n === 100 ? SCRIPT_PROMPT : (PROMPTS[n % (PROMPTS.length - 1)] ?? 'a picture'),
        aspect_ratio: shape.ratio,
        cost: pro ? 0.134 : 0.067,
        model: pro ? 'gemini-3-pro-image' : 'gemini-3.1-flash-image',
        model_alias: pro ? 'pro' : 'flash',
        image_size: '1K',
        created: new Date(start + n * 3_600_000).toISOString(),
        duration_ms: 1000,
      },
    });
  }
  await store.idle();
  // Older images whose thumbnails were never made: the dashboard makes them on first request.
  const thumbs = join(folder, '.thumbs');
  for (const file of (await readdir(thumbs)).slice(0, 8)) await rm(join(thumbs, file));
}
