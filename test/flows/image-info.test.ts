// image_info from outside, through the real server with sign-in off (everyone sees every image): by
// filename and by each kind of link, an original server's record, and clear errors for the rest.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { makeOriginalFolder, ORIGINAL_HISTORY } from '../helpers/original-folder.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
let made: Record<string, unknown>;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'image-studio-info-'));
  await makeOriginalFolder(root);
  server = await startTestServer({ root });
  client = await connectClient(server.url);
  const result = await callTool(client, 'generate_image', {
    prompt: 'a teapot shaped like a whale',
    aspect_ratio: '4:3',
  });
  expect(result.isError, textOf(result)).toBeFalsy();
  made = result.structuredContent as Record<string, unknown>;
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

describe('image_info', () => {
  it('is declared read-only with an output schema', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'image_info');
    expect(tool?.annotations?.readOnlyHint).toBe(true);
    expect(tool?.outputSchema?.properties).toHaveProperty('share_url');
    expect(tool?.inputSchema.required).toEqual(['image']);
  });

  it.each([
    ['its filename', () => String(made.name)],
    ['its /i/ link', () => String(made.url)],
    ['its share link', () => String(made.share_url)],
    ['its download link', () => `${server.url}/d/${made.name}`],
  ])('describes a new image from %s', async (_label, input) => {
    const result = await callTool(client, 'image_info', { image: input() });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      name: made.name,
      url: made.url,
      share_url: made.share_url,
      prompt: 'a teapot shaped like a whale',
      aspect_ratio: '4:3',
      width: made.width,
      height: made.height,
      cost_usd: made.cost_usd,
      model: 'flash',
      email: 'dev@local',
      from_original_server: false,
    });
    expect(textOf(result)).toContain(String(made.share_url));
  });

  it('describes a record of the original server with its retired model id as it is', async () => {
    const image = ORIGINAL_HISTORY[0];
    const result = await callTool(client, 'image_info', { image: `${image?.stem}.png` });
    expect(result.structuredContent).toMatchObject({
      model: null,
      model_id: 'gemini-2.5-flash-image-preview',
      model_name: 'gemini-2.5-flash-image-preview',
      image_size: null,
      mime_type: 'image/jpeg',
      email: 'ada.lovelace@example.com',
      created: '2025-09-02T08:30:00.000Z',
      from_original_server: true,
    });
  });

  it('answers an unknown image with a clear tool error', async () => {
    const result = await callTool(client, 'image_info', { image: `${'9'.repeat(32)}.png` });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^No image named 9{32}\.png that you can see on this server/);
  });

  it('answers something that is not an image name with what to pass instead', async () => {
    const result = await callTool(client, 'image_info', { image: 'https://elsewhere.example/i/x.png' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/is not an image of this server\. Pass the filename/);
  });
});
