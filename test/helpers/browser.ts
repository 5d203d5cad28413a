// Headless Chromium for the dashboard flows: each session gets its own fresh profile folder (so cookies
// never leak between a "user" and an "admin"), the flags that keep Chromium off the network, and a
// ledger of every response the page received, to check what a page really downloaded.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Response } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LoadedResponse {
  url: string;
  status: number;
  contentType: string;
  bytes: number;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every response received since the last `resetLedger()`. */
  ledger: LoadedResponse[];
  /** Waits until the responses counted so far have their bodies measured. */
  settle(): Promise<void>;
  resetLedger(): void;
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  isMobile?: boolean;
  deviceScaleFactor?: number;
}

/** Where the browser flows save the screenshots a person opens and looks at (git-ignored). */
export const SCREENSHOTS = join(process.cwd(), 'screenshots');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Run before a browser flow: fails loudly without Chromium, and makes the screenshots folder. */
export async function prepareBrowserFlow(): Promise<void> {
  if (!chromiumAvailable())
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; install it with \`apt-get install -y chromium\`.`,
    );
  await mkdir(SCREENSHOTS, { recursive: true });
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'image-studio-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const ledger: LoadedResponse[] = [];
  let measuring: Promise<void>[] = [];
  page.on('response', (response) => {
    measuring.push(measure(response).then((entry) => void ledger.push(entry)));
  });
  return {
    context,
    page,
    ledger,
    async settle() {
      await Promise.all(measuring);
    },
    resetLedger() {
      ledger.length = 0;
      measuring = [];
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function measure(response: Response): Promise<LoadedResponse> {
  // Redirects and 304s have no body to read; they weigh nothing.
  const body = await response.body().catch(() => Buffer.alloc(0));
  return {
    url: response.url(),
    status: response.status(),
    contentType: response.headers()['content-type'] ?? '',
    bytes: body.length,
  };
}
