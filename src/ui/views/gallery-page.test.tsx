import { describe, expect, it } from 'vitest';
import { type GalleryCard, GalleryPage, type GalleryPageProps } from './gallery-page.js';
import { renderDocument } from './layout.js';

const header = { email: 'ann@example.com', isAdmin: false, authDisabled: false, csrf: 'csrf-token-value' };

function card(overrides: Partial<GalleryCard> = {}): GalleryCard {
  return {
    name: `${'a'.repeat(32)}.png`,
    thumbSrc: `/ui/thumbs/${'a'.repeat(32)}.png`,
    fullHref: `/i/${'a'.repeat(32)}.png`,
    shareHref: `/v/${'a'.repeat(32)}.png`,
    downloadHref: `/d/${'a'.repeat(32)}.png`,
    deleteHref: `/ui/images/${'a'.repeat(32)}.png/delete`,
    prompt: 'a lighthouse at dusk',
    created: '2025-03-04T17:05:00.000Z',
    model: 'Nano Banana 2 (flash)',
    size: '2K',
    aspectRatio: '16:9',
    cost: 0.101,
    width: 2048,
    height: 1152,
    ...overrides,
  };
}

function render(props: Partial<GalleryPageProps> = {}) {
  return renderDocument(
    <GalleryPage
      styleHref="/ui/style.css?v=x"
      header={header}
      owner="ann@example.com"
      isOwn={true}
      total={1}
      cards={[card()]}
      {...props}
    />,
  );
}

describe('GalleryPage', () => {
  it('shows the thumbnail linked to the full image, and every fact of the card', async () => {
    const html = await render();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<a class="thumb" href="/i/${'a'.repeat(32)}.png"`);
    expect(html).toContain(`src="/ui/thumbs/${'a'.repeat(32)}.png" width="256" height="144"`);
    for (const text of [
      'a lighthouse at dusk',
      '2025-03-04 17:05 UTC',
      'Nano Banana 2 (flash)',
      '2K · 16:9',
      '$0.101',
    ])
      expect(html).toContain(text);
  });

  it('links each card to its share page, its download and the step before deleting it', async () => {
    const html = await render();
    const stem = 'a'.repeat(32);
    expect(html).toContain(`<a href="/v/${stem}.png">Share</a>`);
    expect(html).toContain(`<a href="/d/${stem}.png" download="">Download</a>`);
    expect(html).toContain(`<a href="/ui/images/${stem}.png/delete" class="danger-link">Delete</a>`);
  });

  it('escapes a prompt that contains markup, in the text and in the alt attribute', async () => {
    const prompt = '<script>alert("x")</script> & "quotes"';
    const html = await render({ cards: [card({ prompt })] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('folds a long prompt into <details> with the full text inside', async () => {
    const prompt = `${'very long prompt text '.repeat(20)}THE END`;
    const html = await render({ cards: [card({ prompt })] });
    expect(html).toMatch(/<details class="prompt"><summary>very long prompt text[^<]*…<\/summary>/);
    expect(html).toContain('THE END</p></details>');
  });

  it('links to older images and back to the newest when there are more pages', async () => {
    const html = await render({ olderHref: '/ui/gallery?before=abc', newestHref: '/ui/gallery' });
    expect(html).toContain('<a href="/ui/gallery?before=abc">Older images →</a>');
    expect(html).toContain('<a href="/ui/gallery">← Newest images</a>');
  });

  it("titles another user's gallery with their e-mail and says so when it is empty", async () => {
    const html = await render({ owner: 'bob@example.com', isOwn: false, total: 0, cards: [] });
    expect(html).toContain('<h1>Images of bob@example.com</h1>');
    expect(html).toContain('No images here yet.');
    expect(html).not.toContain('aria-current="page"');
  });
});
