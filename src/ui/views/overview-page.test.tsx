import { describe, expect, it } from 'vitest';
import { renderDocument } from './layout.js';
import { OverviewPage } from './overview-page.js';

const models = [
  { alias: 'flash' as const, displayName: 'Nano Banana 2.1', price1k: 0.0336, summary: 'fast' },
  { alias: 'pro' as const, displayName: 'Nano Banana Pro', price1k: 0.134, summary: 'careful' },
  { alias: 'lite' as const, displayName: 'Nano Banana 2 Lite', price1k: 0.0336, summary: 'quick' },
];
const table = {
  rows: [
    { email: 'bob@example.com', images: 10, cost: 1.34, lastCreated: '2025-01-04T10:00:00.000Z' },
    { email: 'ann@example.com', images: 3, cost: 0.201 },
  ],
  total: { users: 2, images: 13, cost: 1.541 },
};

function render(current: 'flash' | 'pro' | 'lite', notice?: string) {
  return renderDocument(
    <OverviewPage
      styleHref="/s.css"
      header={{ email: 'ann@example.com', isAdmin: true, authDisabled: false, csrf: 'the-csrf' }}
      notice={notice}
      picker={{ models, current, saved: true, csrf: 'the-csrf' }}
      usage={{ table, viewerEmail: 'ann@example.com', isAdmin: true }}
    />,
  );
}

describe('OverviewPage', () => {
  it('offers each model with its 1K price and checks the current default', async () => {
    const html = await render('pro');
    expect(html).toContain(
      'Nano Banana 2.1</strong> <span class="badge">flash</span><span class="price">$0.0336 per 1K image</span>',
    );
    expect(html).toContain(
      'Nano Banana 2 Lite</strong> <span class="badge">lite</span><span class="price">$0.0336 per 1K image</span>',
    );
    expect(html).toContain(
      'Nano Banana Pro</strong> <span class="badge">pro</span><span class="price">$0.134 per 1K image</span>',
    );
    expect(html).toContain('<input type="radio" name="model" value="pro" checked=""/>');
    expect(html).not.toContain('value="flash" checked');
    expect(html).toContain(
      '<form method="post" action="/ui/prefs/model"><input type="hidden" name="csrf" value="the-csrf"/>',
    );
  });

  it('lists each user with images, cost and latest date, then a total row', async () => {
    const html = await render('flash');
    expect(html).toContain('<a href="/ui/gallery?user=bob%40example.com">bob@<wbr/>example.com</a>');
    expect(html).toContain('<a href="/ui/gallery">ann@<wbr/>example.com</a>');
    expect(html).toContain(
      '<td class="num">10</td><td class="num">$1.340</td><td class="when wide-only">2025-01-04 10:00 UTC</td>',
    );
    expect(html).toContain(
      '<tfoot><tr><th scope="row">Total (2 users)</th><td class="num">13</td><td class="num">$1.541</td>',
    );
  });

  it('shows a confirmation notice when one is given', async () => {
    expect(await render('flash', 'Saved.')).toContain('<p class="notice" role="status">Saved.</p>');
    expect(await render('flash')).not.toContain('class="notice"');
  });
});
