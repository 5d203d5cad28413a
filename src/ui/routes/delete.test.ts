import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { makePng } from '../../../test/helpers/image-fixtures.js';
import {
  createHarness,
  csrfIn,
  type Harness,
  type Jar,
  send,
  signIn,
} from '../../../test/helpers/ui-harness.js';

let harness: Harness;
afterEach(() => harness.cleanup());

/** Stores a real image for `email` the way a generation does: file, sidecar, index and ledger. */
async function stored(email: string, cost = 0.134, recordSpend = true): Promise<string> {
  const sidecar = await harness.store.saveGenerated({
    bytes: await makePng(64, 48),
    record: {
      email,
      prompt: 'a lighthouse at dusk',
      aspect_ratio: '4:3',
      cost,
      model: 'gemini-3-pro-image',
      model_alias: 'pro',
      image_size: '1K',
      created: '2026-05-01T10:00:00.000Z',
      duration_ms: 1000,
    },
  });
  harness.index.add(sidecar);
  if (recordSpend) await harness.ledger.append(sidecar);
  return sidecar.name;
}

const files = async () => (await readdir(harness.root)).filter((f) => !f.startsWith('.')).sort();

async function confirmAndDelete(jar: Jar, name: string): Promise<Response> {
  const confirm = await send(harness, jar, `/ui/images/${name}/delete`);
  expect(confirm.status).toBe(200);
  const html = await confirm.text();
  expect(html).toContain(`<form method="post" action="/ui/images/${name}/delete"`);
  return send(harness, jar, `/ui/images/${name}/delete`, { form: { csrf: csrfIn(html) } });
}

describe('deleting an image', () => {
  it('asks first, then removes file, sidecar and thumbnail while the spend stays', async () => {
    harness = await createHarness();
    const name = await stored('ann@example.com');
    await stored('ann@example.com', 0.067);
    const ann = await signIn(harness, 'ann@example.com');
    const response = await confirmAndDelete(ann, name);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ui/gallery?deleted=1');
    expect(await files()).not.toContain(name);
    expect(await files()).not.toContain(`${name.slice(0, 32)}.json`);
    expect(await readdir(`${harness.root}/.thumbs`)).toHaveLength(1);
    expect(harness.index.countFor('ann@example.com')).toBe(1);
    expect(harness.ledger.totalFor('ann@example.com')).toBeCloseTo(0.201, 9);
    const overview = await (await send(harness, ann, '/ui')).text();
    expect(overview).toContain('<td class="num">1</td><td class="num">$0.201</td>');
    const gallery = await (await send(harness, ann, '/ui/gallery?deleted=1')).text();
    expect(gallery).toContain('Image deleted. Its cost stays in the spend totals.');
  });

  it('refuses a forged or missing CSRF token and deletes nothing', async () => {
    harness = await createHarness();
    const name = await stored('ann@example.com');
    const ann = await signIn(harness, 'ann@example.com');
    for (const form of [{ csrf: 'A'.repeat(43) }, {} as Record<string, string>]) {
      const response = await send(harness, ann, `/ui/images/${name}/delete`, { form });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('Form refused');
    }
    expect(await files()).toContain(name);
  });

  it("refuses a cross-site post even with the person's token", async () => {
    harness = await createHarness();
    const name = await stored('ann@example.com');
    const ann = await signIn(harness, 'ann@example.com');
    const csrf = csrfIn(await (await send(harness, ann, `/ui/images/${name}/delete`)).text());
    const response = await send(harness, ann, `/ui/images/${name}/delete`, {
      form: { csrf },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(await files()).toContain(name);
  });

  it("answers someone else's image as if it did not exist", async () => {
    harness = await createHarness();
    const name = await stored('boss@example.com');
    const ann = await signIn(harness, 'ann@example.com');
    expect((await send(harness, ann, `/ui/images/${name}/delete`)).status).toBe(404);
    const csrf = csrfIn(await (await send(harness, ann, '/ui')).text());
    const response = await send(harness, ann, `/ui/images/${name}/delete`, { form: { csrf } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No such image');
    expect(await files()).toContain(name);
  });

  it("lets an admin delete another person's image and returns to that person's gallery", async () => {
    harness = await createHarness();
    const name = await stored('ann@example.com');
    const boss = await signIn(harness, 'boss@example.com');
    const response = await confirmAndDelete(boss, name);
    expect(response.headers.get('location')).toBe('/ui/gallery?user=ann%40example.com&deleted=1');
    expect(await files()).not.toContain(name);
    expect(harness.ledger.totalFor('ann@example.com')).toBeCloseTo(0.134, 9);
  });

  it('records the spend of an image the ledger had missed before deleting it', async () => {
    harness = await createHarness();
    await stored('ann@example.com');
    const missed = await stored('ann@example.com', 0.24, false);
    const ann = await signIn(harness, 'ann@example.com');
    await confirmAndDelete(ann, missed);
    expect(harness.ledger.totalFor('ann@example.com')).toBeCloseTo(0.374, 9);
  });

  it('answers 404 for a name that is not an image name', async () => {
    harness = await createHarness();
    const ann = await signIn(harness, 'ann@example.com');
    expect((await send(harness, ann, '/ui/images/..%2Fprefs.json/delete')).status).toBe(404);
  });
});
