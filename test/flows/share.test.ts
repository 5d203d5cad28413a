// The share page and the download from outside, through the real server (auth off): generate_image links
// the share page; /v/ shows the image with its facts and preview tags, or only the image with ?plain=1;
// /d/ downloads; anything else under either answers exactly like an unknown /i/ name.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
let name: string;
let text: string;
let structured: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  client = await connectClient(server.url);
  const result = await callTool(client, 'generate_image', {
    prompt: 'a <b>bold</b> fox & "friends" in the snow',
    aspect_ratio: '16:9',
  });
  expect(result.isError, textOf(result)).toBeFalsy();
  text = textOf(result);
  structured = result.structuredContent as Record<string, unknown>;
  name = String(structured.name);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('the share page', () => {
  it('is linked from the generate_image answer, in its text and its structured content', () => {
    expect(structured.share_url).toBe(`${server.url}/v/${name}`);
    expect(text).toContain(`${server.url}/v/${name}`);
  });

  it('shows the image, its facts and a download button, and asks not to be indexed', async () => {
    const response = await fetch(`${server.url}/v/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain(`<img class="shared" src="/i/${name}"`);
    expect(html).toContain('a &lt;b&gt;bold&lt;/b&gt; fox &amp; &quot;friends&quot; in the snow');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain(`<dt>Price</dt><dd>$${Number(structured.cost_usd).toFixed(3)}</dd>`);
    expect(html).toContain('16:9');
    expect(html).toContain(' UTC</time>');
    expect(html).toContain(`<a class="button" href="/d/${name}" download="">Download</a>`);
  });

  it('carries Open Graph and Twitter card tags with the absolute image URL', async () => {
    const html = await (await fetch(`${server.url}/v/${name}`)).text();
    expect(html).toContain(`<meta property="og:image" content="${server.url}/i/${name}"/>`);
    expect(html).toContain(`<meta property="og:url" content="${server.url}/v/${name}"/>`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(html).toContain(`<meta name="twitter:image" content="${server.url}/i/${name}"/>`);
  });

  it('shows only the image with ?plain=1', async () => {
    const html = await (await fetch(`${server.url}/v/${name}?plain=1`)).text();
    expect(html).toContain(`<img class="shared" src="/i/${name}"`);
    expect(html).not.toContain('<figcaption');
    expect(html).not.toContain('Download');
  });
});

describe('the download', () => {
  it('sends the image as an attachment named after its prompt', async () => {
    const response = await fetch(`${server.url}/d/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="image-studio-a-b-bold-b-fox-friends-in-the-snow-[0-9a-f]{8}\.(png|jpg)"$/,
    );
    const image = await fetch(`${server.url}/i/${name}`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(await image.arrayBuffer()));
  });
});

describe('names that are not images', () => {
  const stem = () => name.slice(0, 32);
  it.each([
    ['an unknown image', () => `${'e'.repeat(32)}.png`],
    ['the sidecar', () => `${stem()}.json`],
    ['prefs.json', () => 'prefs.json'],
    ['a traversal', () => '..%2Fprefs.json'],
    ['upper-case hex', () => name.toUpperCase()],
  ])('answer %s exactly like /i/ does', async (_label, path) => {
    const expected = await fetch(`${server.url}/i/${path()}`);
    const expectedBody = await expected.text();
    for (const prefix of ['/v/', '/d/']) {
      const response = await fetch(`${server.url}${prefix}${path()}`);
      expect(response.status, prefix).toBe(expected.status);
      expect(await response.text(), prefix).toBe(expectedBody);
    }
  });
});
