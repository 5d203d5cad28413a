// The MCP sign-in as a person sees it, in headless Chromium against the real server (auth on), the fake
// Google and a loopback "client" that receives the answer: the consent page names the client, where the
// answer goes and what is granted; approving leads through Google's page back to the client with a
// code, its state and our issuer, and the code buys a token the MCP endpoint accepts; denying sends the
// client access_denied. Screenshots land in screenshots/.

import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s256Challenge } from '../../src/auth/pkce.js';
import { type FakeGoogle, startFakeGoogle } from '../fakes/google.js';
import { type BrowserSession, openBrowser, prepareBrowserFlow, SCREENSHOTS } from '../helpers/browser.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { freePort, startTestServer, type TestServer } from '../helpers/server.js';

const CLIENT_ID = 'consent-test.apps.example';
const CLIENT_SECRET = 'consent-test-secret';
const SIGNING_KEY = '4f1c8a2e6b9d3f7a0c5e8b1d4a7f2c9e6b3d0a8f5c2e9b6d';
const VERIFIER = 'consent-flow-verifier-'.padEnd(64, 'x');

let google: FakeGoogle;
let server: TestServer;
let clientApp: Server;
let clientCallback = '';
const answers: URL[] = [];
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  await prepareBrowserFlow();
  const clientPort = await freePort();
  clientCallback = `http://127.0.0.1:${clientPort}/callback`;
  clientApp = createServer((req, res) => {
    const url = new URL(req.url ?? '/', clientCallback);
    if (url.pathname === '/callback') answers.push(url); // browsers also ask for /favicon.ico
    res.writeHead(200, { 'content-type': 'text/plain' }).end('The client got its answer.');
  });
  await new Promise<void>((resolve) => clientApp.listen(clientPort, '127.0.0.1', resolve));
  const redirectUris: string[] = [];
  google = await startFakeGoogle({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris });
  server = await startTestServer({
    env: {
      IMG_AUTH_DISABLED: '0',
      GOOGLE_OAUTH_CLIENT_ID: CLIENT_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
      IMG_JWT_SIGNING_KEY: SIGNING_KEY,
      IMG_ALLOWED_EMAILS: 'ada@example.com',
      IMG_GOOGLE_ISSUER: google.issuer,
    },
  });
  redirectUris.push(`${server.url}/auth/callback`);
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await server?.stop();
  await google?.close();
  await new Promise((resolve) => clientApp?.close(resolve));
});

async function registerClient(): Promise<string> {
  const response = await fetch(`${server.url}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Sketchbook CLI',
      redirect_uris: [clientCallback],
      token_endpoint_auth_method: 'none',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { client_id: string }).client_id;
}

function authorizeUrl(clientId: string, state: string): string {
  const url = new URL('/authorize', server.url);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: clientCallback,
    state,
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    resource: `${server.url}/mcp`,
  }).toString();
  return url.href;
}

async function browser(colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserSession> {
  const session = await openBrowser({ colorScheme });
  sessions.push(session);
  return session;
}

describe('MCP sign-in in a browser', () => {
  it('shows who asks, where the answer goes and what is granted, then completes through Google', async () => {
    const clientId = await registerClient();
    const { page } = await browser();
    await page.goto(authorizeUrl(clientId, 'state-approve-1'));
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Sketchbook CLI');
    expect(text).toContain('127.0.0.1');
    expect(text).toMatch(/generate images as you/);
    expect(text).toMatch(/only your e-mail address/);
    await page.screenshot({ path: join(SCREENSHOTS, 'consent-light.png'), fullPage: true });

    await page.getByRole('button', { name: 'Continue with Google' }).click();
    await page.locator('#email').fill('Ada@Example.com');
    await page.locator('#continue').click();
    await page.waitForURL((url) => url.href.startsWith(clientCallback));

    const answer = answers.at(-1);
    expect(answer?.searchParams.get('state')).toBe('state-approve-1');
    expect(answer?.searchParams.get('iss')).toBe(server.url);
    const code = answer?.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const tokenResponse = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        code_verifier: VERIFIER,
        redirect_uri: clientCallback,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
    const client = await connectClient(server.url, { Authorization: `Bearer ${accessToken}` });
    const help = await callTool(client, 'help');
    expect(textOf(help)).toContain('generate_image');
    await client.close();
  });

  it('sends the client access_denied, with state and issuer, when the person denies', async () => {
    const clientId = await registerClient();
    const { page } = await browser('dark');
    await page.goto(authorizeUrl(clientId, 'state-deny-1'));
    await page.screenshot({ path: join(SCREENSHOTS, 'consent-dark.png'), fullPage: true });
    const googleCalls = google.requests.length;
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL((url) => url.href.startsWith(clientCallback));
    const answer = answers.at(-1);
    expect(answer?.searchParams.get('error')).toBe('access_denied');
    expect(answer?.searchParams.get('state')).toBe('state-deny-1');
    expect(answer?.searchParams.get('iss')).toBe(server.url);
    expect(google.requests.length).toBe(googleCalls);
  });

  it('explains a sign-in link it cannot honour instead of redirecting anywhere', async () => {
    const { page } = await browser();
    const url = new URL(authorizeUrl('not-a-real-client', 'state-x'));
    const response = await page.goto(url.href);
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    expect(page.url()).toContain(server.url);
    await page.screenshot({ path: join(SCREENSHOTS, 'authorize-error-light.png'), fullPage: true });
  });
});
