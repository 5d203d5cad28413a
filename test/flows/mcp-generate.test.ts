// End to end, auth off: the real server on a free port, the fake Gemini over HTTP, the official MCP v1
// client. Covers generation with both models, iteration with references, every bad argument, every
// Gemini failure mode, help, progress notifications, and fetching the returned URL.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioName } from '../fakes/gemini.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = await connectClient(server.url);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

beforeEach(() => {
  server.gemini.setScenario(undefined);
});

async function storedFiles(): Promise<string[]> {
  return (await readdir(server.root)).filter((name) => !name.startsWith('.')).sort();
}

interface Structured {
  name: string;
  url: string;
  model: string;
  model_id: string;
  image_size: string;
  aspect_ratio: string;
  width: number;
  height: number;
  mime_type: string;
  cost_usd: number;
}

async function generate(args: Record<string, unknown>): Promise<Structured> {
  const result = await callTool(client, 'generate_image', args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as unknown as Structured;
}

describe('tool listing', () => {
  it('lists the tools, generate_image with enums, descriptions and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'generate_image',
      'get_usage',
      'help',
      'image_info',
      'list_images',
    ]);
    const tool = tools.find((t) => t.name === 'generate_image');
    const props = tool?.inputSchema.properties as Record<string, { enum?: string[]; description?: string }>;
    expect(tool?.inputSchema.required).toEqual(['prompt']);
    expect(props.model?.enum).toEqual(['flash', 'pro', 'lite']);
    expect(props.model?.description).toMatch(/explicitly asked/);
    expect(props.model?.description).toContain('"lite" (Nano Banana 2 Lite)');
    expect(props.image_size?.enum).toEqual(['1K', '2K', '4K']);
    expect(props.aspect_ratio?.enum).toContain('21:9');
    expect(props.aspect_ratio?.enum).toContain('1:8');
    for (const key of ['prompt', 'aspect_ratio', 'reference_images', 'model', 'image_size'])
      expect(props[key]?.description, key).toBeTruthy();
    expect(tool?.outputSchema?.properties).toHaveProperty('url');
  });
});

describe('generating', () => {
  it('makes a Nano Banana 2.1 1K square image, stores it with its sidecar and serves it by URL', async () => {
    const result = await callTool(client, 'generate_image', { prompt: 'a red fox in the snow' });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as unknown as Structured;
    expect(structured).toMatchObject({
      model: 'flash',
      model_id: 'gemini-nano-banana-2.1',
      image_size: '1K',
      aspect_ratio: '1:1',
      width: 1024,
      height: 1024,
      mime_type: 'image/jpeg',
      cost_usd: 0.0336,
    });
    expect(server.gemini.requests.at(-1)?.model).toBe('gemini-nano-banana-2.1');
    expect(structured.name).toMatch(/^[0-9a-f]{32}\.jpg$/);
    expect(structured.url).toBe(`${server.url}/i/${structured.name}`);
    expect(textOf(result)).toContain(structured.url);
    expect(textOf(result)).toContain(structured.name);

    const preview = result.content.find((block) => block.type === 'image');
    expect(preview?.type === 'image' && preview.mimeType).toBe('image/jpeg');
    const previewBytes = Buffer.from(preview?.type === 'image' ? preview.data : '', 'base64');
    const meta = await sharp(previewBytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(512);
    expect(JSON.stringify(result).length).toBeLessThan(1024 * 1024);

    const onDisk = await readFile(join(server.root, structured.name));
    const response = await fetch(structured.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await response.arrayBuffer()).equals(onDisk)).toBe(true);

    const sidecar = JSON.parse(
      await readFile(join(server.root, structured.name.replace('.jpg', '.json')), 'utf8'),
    );
    expect(sidecar).toMatchObject({
      name: structured.name,
      email: 'dev@local',
      prompt: 'a red fox in the snow',
      aspect_ratio: '1:1',
      cost: 0.0336,
      model: 'gemini-nano-banana-2.1',
      model_alias: 'flash',
      image_size: '1K',
      mime: 'image/jpeg',
      width: 1024,
      height: 1024,
      bytes: onDisk.length,
      reference_images: [],
    });
    expect(Date.parse(sidecar.created)).not.toBeNaN();
    expect(sidecar.usage.imageOutputTokens).toBe(1120);
    expect(sidecar.usage_cost).toBeGreaterThan(0.0336);
    expect(sidecar.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [{ model: 'pro', image_size: '2K', aspect_ratio: '16:9' }, 'pro', 2752, 1536, 0.134],
    [{ model: 'Nano Banana Pro', image_size: '1k', aspect_ratio: '21 : 9' }, 'pro', 1584, 672, 0.134],
    [{ model: 'gemini-3-pro-image-preview', aspect_ratio: '3:4' }, 'pro', 896, 1200, 0.134],
    [{ image_size: '4K', aspect_ratio: '8:1' }, 'flash', 12288, 1536, 0.1134],
    [{ image_size: '2K', aspect_ratio: '9:16' }, 'flash', 1536, 2752, 0.0504],
    [{ model: 'lite', aspect_ratio: '1:4' }, 'lite', 512, 2048, 0.0336],
    [{ model: 'Nano Banana 2 Lite' }, 'lite', 1024, 1024, 0.0336],
    [{ model: 'Nano Banana 2' }, 'flash', 1024, 1024, 0.0336],
    [{ model: 'gemini-3.1-flash-image-preview' }, 'flash', 1024, 1024, 0.0336],
  ])('honours %j', async (args, model, width, height, cost) => {
    const structured = await generate({ prompt: 'a lighthouse at dusk', ...args });
    expect(structured).toMatchObject({ model, width, height, cost_usd: cost });
    const sent = server.gemini.requests.at(-1);
    expect(sent?.version).toBe('v1beta');
  });

  it('names and serves a PNG by its real format', async () => {
    server.gemini.setScenario('ok_png');
    const structured = await generate({ prompt: 'a blue square' });
    expect(structured.name).toMatch(/\.png$/);
    expect(structured.mime_type).toBe('image/png');
    const response = await fetch(structured.url);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('trusts the bytes, not the declared type, when Gemini mislabels a JPEG as PNG', async () => {
    server.gemini.setScenario('ok_mislabelled');
    const structured = await generate({ prompt: 'a green circle' });
    expect(structured.name).toMatch(/\.jpg$/);
    expect(structured.mime_type).toBe('image/jpeg');
  });

  it('iterates on earlier images given by filename and by URL, sending their true types', async () => {
    const first = await generate({ prompt: 'a robot' });
    server.gemini.setScenario('ok_png');
    const second = await generate({ prompt: 'a garden' });
    server.gemini.setScenario(undefined);
    const third = await generate({
      prompt: 'the robot in the garden',
      reference_images: [first.name, `${second.url}?v=2`],
    });
    const request = server.gemini.requests.at(-1);
    expect(request).toBeDefined();
    const body = request?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] };
    const parts = body.contents[0];
    expect(parts?.role).toBe('user');
    const inline = parts?.parts
      .filter((p) => 'inlineData' in p)
      .map((p) => p.inlineData as { mimeType: string; data: string });
    expect(inline?.map((p) => p.mimeType)).toEqual(['image/jpeg', 'image/png']);
    const firstBytes = await readFile(join(server.root, first.name));
    expect(Buffer.from(inline?.[0]?.data ?? '', 'base64').equals(firstBytes)).toBe(true);
    const sidecar = JSON.parse(
      await readFile(join(server.root, third.name.replace(/\.\w+$/, '.json')), 'utf8'),
    );
    expect(sidecar.reference_images).toEqual([first.name, second.name]);
  });

  it('sends progress notifications during a long generation', async () => {
    server.gemini.setScenario('slow');
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'generate_image', arguments: { prompt: 'a slow picture' } },
      undefined,
      {
        onprogress: (p) => progress.push(p.progress),
        resetTimeoutOnProgress: true,
      },
    );
    expect(result.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThan(0);
  });
});

describe('bad arguments cost nothing and write nothing', () => {
  const STEM = '0123456789abcdef0123456789abcdef';
  it.each([
    [{ prompt: '' }, 'prompt is empty'],
    [{ prompt: '   ' }, 'prompt is empty'],
    [{ prompt: 'x'.repeat(10_001) }, 'limit is 10000'],
    [{ prompt: 'a', model: 'midjourney' }, 'Unknown model'],
    [{ prompt: 'a', image_size: '8K' }, 'Image size "8K"'],
    [{ prompt: 'a', image_size: '512' }, 'Use 1K, or model "lite" for quick drafts'],
    [{ prompt: 'a', model: 'pro', image_size: '512' }, 'not available on pro (Nano Banana Pro)'],
    [{ prompt: 'a', model: 'lite', image_size: '2K' }, 'Models "flash" and "pro" take 2K'],
    [{ prompt: 'a', model: 'lite', image_size: '4K' }, 'It takes 1K.'],
    [{ prompt: 'a', aspect_ratio: '7:3' }, 'Aspect ratio "7:3"'],
    [{ prompt: 'a', model: 'pro', aspect_ratio: '1:8' }, 'Aspect ratio "1:8"'],
    [{ prompt: 'a', reference_images: ['../../etc/passwd'] }, 'is not an image of this server'],
    [
      { prompt: 'a', reference_images: [`https://evil.example/i/${STEM}.jpg`] },
      'is not an image of this server',
    ],
    [{ prompt: 'a', reference_images: [`${STEM}.jpg`] }, 'not found on this server'],
    [
      {
        prompt: 'a',
        reference_images: Array.from({ length: 15 }, (_, i) => `${String(i).padStart(32, '0')}.jpg`),
      },
      'at most 14',
    ],
  ])('refuses %j', async (args, message) => {
    const before = server.gemini.requests.length;
    const files = await storedFiles();
    const result = await callTool(client, 'generate_image', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(server.gemini.requests.length).toBe(before);
    expect(await storedFiles()).toEqual(files);
  });

  it('refuses a wrongly typed argument before calling Gemini', async () => {
    const before = server.gemini.requests.length;
    const result = await callTool(client, 'generate_image', { prompt: 42 });
    expect(result.isError).toBe(true);
    expect(server.gemini.requests.length).toBe(before);
  });
});

describe('Gemini failures become clear tool errors and store nothing', () => {
  it.each([
    ['prompt_blocked', /blocked/i],
    ['image_safety', /safety/i],
    ['image_prohibited', /prohibited|blocked/i],
    ['text_only', /no image|did not return an image|rephras/i],
    ['image_recitation', /rephras/i],
    ['no_image', /rephras/i],
    ['image_other', /rephras/i],
    ['empty_candidates', /no image|did not return an image|rephras/i],
    ['empty_object', /no image|did not return an image|rephras/i],
    ['404', /IMG_MODEL_FLASH/],
    ['403', /GEMINI_API_KEY/],
    ['429_quota_day', /quota/i],
    ['400_generic', /invalid|rejected|request/i],
    ['malformed_json', /unexpected|unreadable|invalid|try again/i],
    ['ok_truncated', /cannot be read.*nothing was stored/i],
  ] as [ScenarioName, RegExp][])('%s', async (scenario, message) => {
    server.gemini.setScenario(scenario);
    const files = await storedFiles();
    const result = await callTool(client, 'generate_image', { prompt: 'a harmless teapot' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(await storedFiles()).toEqual(files);
  });

  it('retries an overloaded model and succeeds', async () => {
    server.gemini.queueScenarios(['503', 'ok']);
    const before = server.gemini.requests.length;
    await generate({ prompt: 'a patient snail' });
    expect(server.gemini.requests.length - before).toBe(2);
  });

  it('gives up after a bounded number of attempts and says the model is busy', async () => {
    server.gemini.setScenario('503');
    const before = server.gemini.requests.length;
    const result = await callTool(client, 'generate_image', { prompt: 'a busy bee' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/demand|overloaded|busy/i);
    expect(server.gemini.requests.length - before).toBeLessThanOrEqual(3);
  });

  it('does not retry a daily quota', async () => {
    server.gemini.setScenario('429_quota_day');
    const before = server.gemini.requests.length;
    await callTool(client, 'generate_image', { prompt: 'a quota' });
    expect(server.gemini.requests.length - before).toBe(1);
  });
});

describe('help and transport', () => {
  it('explains parameters, models and prices', async () => {
    const text = textOf(await callTool(client, 'help'));
    expect(text).toContain('Nano Banana 2.1 (`gemini-nano-banana-2.1`)');
    expect(text).toContain('Nano Banana Pro (`gemini-3-pro-image`)');
    expect(text).toContain('Nano Banana 2 Lite (`gemini-3.1-flash-lite-image`)');
    expect(text).toContain('1K $0.0336');
    expect(text).toContain('4K $0.240');
    expect(text).not.toContain('gemini-3.1-flash-image`');
    expect(text).toContain(`${server.url}/ui`);
  });

  it.each(['GET', 'DELETE'])('answers %s /mcp with 405', async (method) => {
    const response = await fetch(`${server.url}/mcp`, { method });
    expect(response.status).toBe(405);
  });

  it('answers /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('logs one line per generation, refused calls included, without the API key', async () => {
    const before = server.logs.length;
    await generate({ prompt: 'a logged kite', image_size: '2K' });
    await callTool(client, 'generate_image', { prompt: 'a kite', aspect_ratio: '5:1' });
    const lines = server.logs
      .slice(before)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === 'generation');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ outcome: 'ok', email: 'dev@local', model: 'flash', size: '2K' });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
    expect(lines[1]).toMatchObject({ outcome: 'invalid_argument', email: 'dev@local' });
    expect(server.logs.join('')).not.toContain('test-key');
  });
});
