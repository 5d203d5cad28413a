import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { renderMessage } from './render.js';

async function page() {
  const app = new Hono();
  app.get('/', (c) => renderMessage(c, 400, 'Cannot continue', 'Because <b>reasons</b>.'));
  return app.request('/');
}

describe('authorization server pages', () => {
  it('allow their one inline stylesheet by hash and nothing else', async () => {
    const response = await page();
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style.length).toBeGreaterThan(100);
    const hash = createHash('sha256').update(style).digest('base64');
    expect(response.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'`,
    );
  });

  it('escape the message and send a doctype, the status and no-store', async () => {
    const response = await page();
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Because &lt;b&gt;reasons&lt;/b&gt;.');
  });
});
