// The MCP Inspector's command-line client against the real server (auth off): lists the tools and
// generates an image, the way a developer checks a local install.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspector } from '../helpers/inspector.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('MCP Inspector CLI', () => {
  it('lists every tool', async () => {
    const output = (await runInspector([
      `${server.url}/mcp`,
      '--transport',
      'http',
      '--method',
      'tools/list',
    ])) as {
      tools: { name: string }[];
    };
    expect(output.tools.map((tool) => tool.name).sort()).toEqual([
      'generate_image',
      'get_usage',
      'help',
      'image_info',
      'list_images',
    ]);
  });

  it('generates an image with a named model', async () => {
    const output = (await runInspector([
      `${server.url}/mcp`,
      '--transport',
      'http',
      '--method',
      'tools/call',
      '--tool-name',
      'generate_image',
      '--tool-arg',
      'prompt=a tiny lighthouse',
      '--tool-arg',
      'model=lite',
      '--tool-arg',
      'aspect_ratio=16:9',
    ])) as {
      isError?: boolean;
      structuredContent?: { width: number; height: number; url: string; model: string };
    };
    expect(output.isError).toBeFalsy();
    expect(output.structuredContent).toMatchObject({ width: 1376, height: 768, model: 'lite' });
    const image = await fetch(output.structuredContent?.url ?? '');
    expect(image.status).toBe(200);
  });
});
