import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, send, signIn } from '../../../test/helpers/ui-harness.js';

let harness: Harness;
afterEach(() => harness.cleanup());

const NOW = Date.parse('2026-05-20T15:00:00Z');

describe('the admin page', () => {
  it('shows an admin every person, the 14-day chart and table', async () => {
    harness = await createHarness({ clock: () => NOW });
    await harness.ledger.append({
      name: `${'1'.repeat(32)}.png`,
      email: 'ann@example.com',
      cost: 0.134,
      model: 'gemini-2.5-flash-image-preview',
      created: '2026-05-19T10:00:00Z',
    });
    const boss = await signIn(harness, 'boss@example.com');
    const response = await send(harness, boss, '/ui/admin');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('aria-current="page">Admin</a>');
    expect(html).toContain('ann@example.com');
    expect(html).toContain('gemini-2.5-flash-image-preview × 1');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('<title>2026-05-19: 1 image, $0.134</title>');
    expect(html.match(/<th scope="row">2026-05-\d\d<\/th>/g)).toHaveLength(14);
    expect(html).not.toContain('<script');
  });

  it('refuses anyone who is not an admin, and hides the tab from them', async () => {
    harness = await createHarness({ clock: () => NOW });
    const ann = await signIn(harness, 'ann@example.com');
    const response = await send(harness, ann, '/ui/admin');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Only dashboard admins can open the admin page.');
    expect(await (await send(harness, ann, '/ui')).text()).not.toContain('/ui/admin');
  });
});
