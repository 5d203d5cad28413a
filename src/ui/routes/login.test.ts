import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  createJar,
  csrfIn,
  type Harness,
  send,
  signIn,
} from '../../../test/helpers/ui-harness.js';

let harness: Harness;
afterEach(() => harness.cleanup());

function cookieLine(response: Response, name: string): string {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`)) ?? '';
}

describe('GET /ui/login', () => {
  it('sends the browser to Google with our exact callback and a short-lived, path-scoped login cookie', async () => {
    harness = await createHarness();
    const response = await send(harness, createJar(), '/ui/login');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe('https://google.test');
    expect(location.searchParams.get('redirect_uri')).toBe('http://localhost:8766/ui/auth/callback');
    const cookie = cookieLine(response, 'img_ui_login');
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/ui\/auth\/callback/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookies Secure when the public URL is https', async () => {
    harness = await createHarness({ env: { IMG_PUBLIC_URL: 'https://img.example.com' } });
    const jar = createJar();
    const login = await send(harness, jar, '/ui/login');
    expect(cookieLine(login, 'img_ui_login')).toMatch(/; Secure/);
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    const done = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(cookieLine(done, 'img_ui_session')).toMatch(/; Secure/);
    expect(harness.google.seen[0]?.redirectUri).toBe('https://img.example.com/ui/auth/callback');
  });

  it('skips sign-in entirely when auth is disabled', async () => {
    harness = await createHarness({ env: { IMG_AUTH_DISABLED: '1' } });
    const response = await send(harness, createJar(), '/ui/login');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ui');
  });
});

describe('GET /ui/auth/callback', () => {
  it('gives an allow-listed user a session cookie scoped to /ui and lands on the dashboard', async () => {
    harness = await createHarness();
    const jar = createJar();
    const login = await send(harness, jar, '/ui/login');
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    const done = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/ui');
    const cookie = cookieLine(done, 'img_ui_session');
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).toMatch(/Path=\/ui;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(jar.cookies.has('img_ui_login')).toBe(false);
    const expected = harness.google.seen[0];
    expect(expected?.state).toBe(state);
    expect(expected?.nonce).toMatch(/^nonce-1-/);
    expect(expected?.codeVerifier).toBe('v'.repeat(43));
    const page = await send(harness, jar, '/ui');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ann@example.com');
  });

  it('shows "invitation only" to a verified Google user who is not on the allow-list, without a session', async () => {
    harness = await createHarness();
    const jar = createJar();
    harness.google.nextUser = { sub: '9', email: 'Eve@Example.com', emailVerified: true };
    const login = await send(harness, jar, '/ui/login');
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    const response = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('<h1 id="message-heading">Invitation only</h1>');
    expect(html).toContain('You signed in as eve@example.com');
    expect(jar.cookies.has('img_ui_session')).toBe(false);
  });

  it('refuses an account whose e-mail Google has not verified, even when it is on the allow-list', async () => {
    harness = await createHarness();
    const jar = createJar();
    harness.google.nextUser = { sub: '1', email: 'ann@example.com', emailVerified: false };
    const login = await send(harness, jar, '/ui/login');
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    const response = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('E-mail not verified');
    expect(jar.cookies.has('img_ui_session')).toBe(false);
  });

  it('asks to start again when the login cookie is missing (another browser, or expired)', async () => {
    harness = await createHarness();
    const response = await send(harness, createJar(), '/ui/auth/callback?state=state-1-abcdefgh&code=good');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Sign-in expired');
    expect(html).toContain('href="/ui/login"');
    expect(harness.google.seen).toHaveLength(0);
  });

  it('shows what Google refused, and gives no session', async () => {
    harness = await createHarness();
    const jar = createJar();
    const login = await send(harness, jar, '/ui/login');
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    const response = await send(harness, jar, `/ui/auth/callback?state=${state}&code=stolen`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Google refused the sign-in code (invalid_grant); start again.');
    expect(jar.cookies.has('img_ui_session')).toBe(false);
  });

  it('uses a login cookie once: replaying the callback after success asks to start again', async () => {
    harness = await createHarness();
    const jar = createJar();
    const login = await send(harness, jar, '/ui/login');
    const loginCookie = jar.cookies.get('img_ui_login');
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state');
    await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(jar.cookies.has('img_ui_login')).toBe(false);
    // The browser dropped it; a replay without it is refused.
    const replay = await send(harness, jar, `/ui/auth/callback?state=${state}&code=good`);
    expect(replay.status).toBe(400);
    expect(loginCookie).toBeDefined();
  });
});

describe('sessions', () => {
  it('sends a visitor without a session to sign in, and refuses their form posts', async () => {
    harness = await createHarness();
    const page = await send(harness, createJar(), '/ui/gallery');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/ui/login');
    const post = await send(harness, createJar(), '/ui/prefs/model', { form: { model: 'pro', csrf: 'x' } });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('Session ended');
  });

  it('ends a session after its lifetime', async () => {
    let now = Date.UTC(2025, 0, 1);
    harness = await createHarness({ clock: () => now });
    const jar = await signIn(harness, 'ann@example.com');
    now += 12 * 60 * 60 * 1000;
    const response = await send(harness, jar, '/ui');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ui/login');
  });

  it('refuses a session cookie that was tampered with', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const cookie = jar.cookies.get('img_ui_session');
    if (cookie === undefined) throw new Error('no session');
    const parts = cookie.value.split('.');
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    parts[1] = Buffer.from(JSON.stringify({ ...claims, sub: 'boss@example.com' })).toString('base64url');
    cookie.value = parts.join('.');
    const response = await send(harness, jar, '/ui');
    expect(response.status).toBe(302);
  });

  it('shuts out a signed-in user who is no longer on the allow-list', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const narrower = await createHarness({ env: { IMG_ALLOWED_EMAILS: 'boss@example.com' } });
    try {
      const response = await send(narrower, jar, '/ui');
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Invitation only');
      expect(jar.cookies.has('img_ui_session')).toBe(false);
    } finally {
      await narrower.cleanup();
    }
  });
});

describe('POST /ui/logout', () => {
  it('signs out to a page of its own, and the old cookie stops working', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const stolen = { ...jar.cookies.get('img_ui_session') };
    const csrf = csrfIn(await (await send(harness, jar, '/ui')).text());
    const response = await send(harness, jar, '/ui/logout', { form: { csrf } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ui/signed-out');
    expect(jar.cookies.has('img_ui_session')).toBe(false);
    const page = await send(harness, jar, '/ui/signed-out');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1 id="message-heading">Signed out</h1>');
    expect(html).toContain('href="/ui/login"');
    const replayJar = createJar();
    replayJar.cookies.set('img_ui_session', { value: stolen.value ?? '', path: '/ui' });
    expect((await send(harness, replayJar, '/ui')).status).toBe(302);
  });

  it('refuses a sign-out without the CSRF token and keeps the session', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const response = await send(harness, jar, '/ui/logout', { form: {} });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Form refused');
    expect((await send(harness, jar, '/ui')).status).toBe(200);
  });
});
