import { afterEach, describe, expect, it } from 'vitest';
import { makeSidecar, stemFor } from '../../../test/helpers/image-fixtures.js';
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

/** `count` index entries for `email`, one minute apart, oldest first; names encode the order. */
function seed(email: string, count: number, offset = 0, cost = 0.067) {
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const created = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
    harness.index.add(
      makeSidecar(`${stemFor(n)}.png`, { email, created, cost, prompt: `prompt number ${n}` }),
    );
  }
}

function namesOnPage(html: string): string[] {
  return [...html.matchAll(/<a class="thumb" href="\/i\/([0-9a-f]{32}\.png)"/g)].map((m) => m[1] ?? '');
}

describe('overview and cost per user', () => {
  it('shows an admin every user with a total row', async () => {
    harness = await createHarness();
    seed('ann@example.com', 3, 0, 0.067);
    seed('bob@example.com', 2, 100, 0.134);
    const html = await (await send(harness, await signIn(harness, 'boss@example.com'), '/ui')).text();
    expect(html).toContain('Cost per user');
    expect(html).toContain('>ann@<wbr/>example.com</a>');
    expect(html).toContain('>bob@<wbr/>example.com</a>');
    expect(html).toContain('Total (2 users)</th><td class="num">5</td><td class="num">$0.469</td>');
  });

  it('shows a normal user only their own row', async () => {
    harness = await createHarness();
    seed('ann@example.com', 3, 0, 0.067);
    seed('bob@example.com', 2, 100, 0.134);
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui')).text();
    expect(html).toContain('My usage');
    expect(html).not.toContain('bob@example.com');
    expect(html).toContain('Total (1 user)</th><td class="num">3</td><td class="num">$0.201</td>');
  });

  it('opens everything to dev@local as admin when auth is disabled, with a session for CSRF', async () => {
    harness = await createHarness({ env: { IMG_AUTH_DISABLED: '1' } });
    seed('bob@example.com', 2, 0);
    const jar = createJar();
    const response = await send(harness, jar, '/ui');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<span>dev@local</span><span class="badge">admin</span>');
    expect(html).toContain('>bob@<wbr/>example.com</a>');
    expect(jar.cookies.has('img_ui_session')).toBe(true);
    const other = await send(harness, jar, '/ui/gallery?user=bob@example.com');
    expect(namesOnPage(await other.text())).toHaveLength(2);
  });

  it('redirects /ui/ to /ui', async () => {
    harness = await createHarness();
    const response = await send(harness, createJar(), '/ui/');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/ui');
  });

  it('sends every page with a strict Content-Security-Policy and no caching', async () => {
    harness = await createHarness();
    const response = await send(harness, await signIn(harness, 'ann@example.com'), '/ui');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "img-src 'self'",
      "style-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('script-src');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('gallery', () => {
  it('pages through a user with many images, newest first, 100 at a time', async () => {
    harness = await createHarness();
    seed('ann@example.com', 250);
    const jar = await signIn(harness, 'ann@example.com');
    const first = await (await send(harness, jar, '/ui/gallery')).text();
    const firstNames = namesOnPage(first);
    expect(firstNames).toHaveLength(100);
    expect(firstNames[0]).toBe(`${stemFor(249)}.png`);
    expect(firstNames[99]).toBe(`${stemFor(150)}.png`);
    expect(first).toContain('250 images, newest first');
    const older = /<a href="([^"]+)">Older images →<\/a>/.exec(first)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(older).toBe(`/ui/gallery?before=${stemFor(150)}.png`);
    const second = await (await send(harness, jar, older)).text();
    expect(namesOnPage(second)[0]).toBe(`${stemFor(149)}.png`);
    expect(second).toContain('<a href="/ui/gallery">← Newest images</a>');
    const third = await (await send(harness, jar, `/ui/gallery?before=${stemFor(50)}.png`)).text();
    expect(namesOnPage(third)).toHaveLength(50);
    expect(third).not.toContain('Older images');
  });

  it('shows each card with its thumbnail, prompt, model, size, ratio and cost', async () => {
    harness = await createHarness();
    const name = `${stemFor(1)}.png`;
    harness.index.add(
      makeSidecar(name, {
        email: 'ann@example.com',
        prompt: 'a <b>bold</b> fox',
        model: 'gemini-3-pro-image',
        model_alias: 'pro',
        image_size: '4K',
        aspect_ratio: '21:9',
        cost: 0.24,
        width: 5504,
        height: 2359,
      }),
    );
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui/gallery')).text();
    expect(html).toContain(`<img src="/ui/thumbs/${name}" width="256" height="110"`);
    expect(html).toContain('a &lt;b&gt;bold&lt;/b&gt; fox');
    expect(html).toContain('<dd>Nano Banana Pro (pro)</dd>');
    expect(html).toContain('<dd>4K · 21:9</dd>');
    expect(html).toContain('<dd>$0.240</dd>');
  });

  it.each([
    ['gemini-3.1-flash-image', 'flash', 'Nano Banana 2 (flash) · gemini-3.1-flash-image'],
    ['gemini-2.5-flash-image-preview', 'flash', 'Nano Banana (flash) · gemini-2.5-flash-image-preview'],
    ['gemini-3-pro-image-preview', 'pro', 'Nano Banana Pro (pro) · gemini-3-pro-image-preview'],
    ['gemini-nano-banana-2.1', 'flash', 'Nano Banana 2.1 (flash)'],
    ['gemini-3.1-flash-lite-image', 'lite', 'Nano Banana 2 Lite (lite)'],
  ] as const)('names a record made with %s by its own product name', async (model, alias, label) => {
    harness = await createHarness();
    harness.index.add(
      makeSidecar(`${stemFor(2)}.jpg`, { email: 'ann@example.com', model, model_alias: alias }),
    );
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui/gallery')).text();
    expect(html).toContain(`<dd>${label}</dd>`);
  });

  it("lets an admin open someone else's gallery but refuses a normal user", async () => {
    harness = await createHarness();
    seed('bob@example.com', 2);
    const admin = await signIn(harness, 'boss@example.com');
    const allowed = await send(harness, admin, '/ui/gallery?user=bob@example.com');
    expect(allowed.status).toBe(200);
    const html = await allowed.text();
    expect(html).toContain('<h1>Images of bob@example.com</h1>');
    expect(namesOnPage(html)).toHaveLength(2);
    const user = await signIn(harness, 'ann@example.com');
    const refused = await send(harness, user, '/ui/gallery?user=bob@example.com');
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(text).toContain('Only dashboard admins can look at other people&#39;s images.');
    expect(namesOnPage(text)).toHaveLength(0);
  });

  it('explains a stale or forged page link instead of failing', async () => {
    harness = await createHarness();
    seed('ann@example.com', 3);
    const response = await send(harness, await signIn(harness, 'ann@example.com'), '/ui/gallery?before=nope');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('That page link is out of date or malformed');
  });
});

describe('POST /ui/prefs/model', () => {
  it('offers the three models with their 1K list prices', async () => {
    harness = await createHarness();
    const html = await (await send(harness, await signIn(harness, 'ann@example.com'), '/ui')).text();
    expect(html.match(/name="model" value="(\w+)"/g)).toEqual([
      'name="model" value="flash"',
      'name="model" value="pro"',
      'name="model" value="lite"',
    ]);
    expect(html).toContain('<strong>Nano Banana 2.1</strong>');
    expect(html).toContain('<strong>Nano Banana 2 Lite</strong>');
    expect(html).toContain('$0.0336 per 1K image');
    expect(html).toContain('$0.134 per 1K image');
  });

  it('saves lite as a default model', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const csrf = csrfIn(await (await send(harness, jar, '/ui')).text());
    const response = await send(harness, jar, '/ui/prefs/model', {
      form: { csrf, model: 'lite' },
      headers: { origin: 'http://localhost:8766' },
    });
    expect(response.status).toBe(303);
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBe('lite');
  });

  it('saves the default model to prefs.json and confirms it on the overview', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const csrf = csrfIn(await (await send(harness, jar, '/ui')).text());
    const response = await send(harness, jar, '/ui/prefs/model', {
      form: { csrf, model: 'pro' },
      headers: { origin: 'http://localhost:8766' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ui?saved=model');
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBe('pro');
    const html = await (await send(harness, jar, '/ui?saved=model')).text();
    expect(html).toContain('Saved. New images without a named model will use Nano Banana Pro.');
    expect(html).toContain('value="pro" checked=""');
  });

  it.each([
    ['no token', {}],
    ['an empty token', { csrf: '' }],
    ['a made-up token', { csrf: 'A'.repeat(43) }],
  ])('refuses a post with %s (403 page) and changes nothing', async (_label, extra) => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const response = await send(harness, jar, '/ui/prefs/model', { form: { model: 'pro', ...extra } });
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('<h1 id="message-heading">Form refused</h1>');
    expect(html).toContain('did not carry a valid security token');
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBeUndefined();
  });

  it("refuses another user's CSRF token", async () => {
    harness = await createHarness();
    const boss = await signIn(harness, 'boss@example.com');
    const bossToken = csrfIn(await (await send(harness, boss, '/ui')).text());
    const ann = await signIn(harness, 'ann@example.com');
    const response = await send(harness, ann, '/ui/prefs/model', { form: { model: 'pro', csrf: bossToken } });
    expect(response.status).toBe(403);
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBeUndefined();
  });

  it.each([
    ['another Origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a post from %s even with a valid token', async (_label, headers) => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const csrf = csrfIn(await (await send(harness, jar, '/ui')).text());
    const response = await send(harness, jar, '/ui/prefs/model', { form: { model: 'pro', csrf }, headers });
    expect(response.status).toBe(403);
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBeUndefined();
  });

  it('refuses an unknown model with a page that lists the choices', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    const csrf = csrfIn(await (await send(harness, jar, '/ui')).text());
    const response = await send(harness, jar, '/ui/prefs/model', { form: { model: 'ultra', csrf } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Pick flash, pro or lite and save again.');
    await expect(harness.prefs.getDefaultModel('ann@example.com')).resolves.toBeUndefined();
  });
});
