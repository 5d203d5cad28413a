// End to end, auth off (the caller dev@local is an admin): list_images and get_usage through the official
// MCP v1 client against the real server, over a data folder that already holds another person's image
// and a ledger line for an image since deleted; and the resource_link block of generate_image.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSidecar, stemFor } from '../helpers/image-fixtures.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
let root: string;
const made: { name: string; url: string; model_id: string }[] = [];

const BOB_IMAGE = `${stemFor(1)}.jpg`;
const BOB_DELETED = `${stemFor(2)}.jpg`;

/** Bob's image from October and, in the ledger only, one from November that he has since deleted. */
async function seed(folder: string): Promise<void> {
  const sidecar = makeSidecar(BOB_IMAGE, {
    email: 'bob@example.com',
    prompt: 'a green dragon',
    cost: 0.134,
    model: 'gemini-3-pro-image',
    model_alias: 'pro',
    created: '2026-10-05T10:00:00.000Z',
    usage_cost: 0.13,
  });
  await writeFile(join(folder, BOB_IMAGE), Buffer.from('not decoded by the index'));
  await writeFile(join(folder, `${stemFor(1)}.json`), JSON.stringify(sidecar));
  await mkdir(join(folder, '.spend'));
  const deleted = {
    name: BOB_DELETED,
    email: 'bob@example.com',
    cost: 0.134,
    model: 'gemini-3-pro-image',
    created: '2026-11-02T10:00:00.000Z',
  };
  await writeFile(join(folder, '.spend', 'ledger.jsonl'), `${JSON.stringify(deleted)}\n`);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'image-studio-history-'));
  await seed(root);
  let minute = 0;
  // Each generation one minute after the last, all in November 2026.
  const clock = () => new Date(Date.UTC(2026, 10, 20, 12, minute++));
  // Flash at 1K is priced $0.067 here whatever the model lineup's list price, so the sums stay fixed.
  server = await startTestServer({
    root,
    clock,
    env: { IMG_BUDGET_USD: '1', IMG_BUDGETS: 'zed@example.com=2', IMG_COST_FLASH_1K: '0.067' },
  });
  client = await connectClient(server.url);
  for (const prompt of ['a red fox in the snow', 'a blue whale', 'a red barn at dawn']) {
    const result = await callTool(client, 'generate_image', { prompt });
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { name: string; url: string; model_id: string };
    made.push(structured);
  }
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('tool listing', () => {
  it('declares list_images and get_usage as read-only with an output schema', async () => {
    const { tools } = await client.listTools();
    for (const name of ['list_images', 'get_usage']) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.annotations?.readOnlyHint, name).toBe(true);
      expect(tool?.outputSchema?.type, name).toBe('object');
    }
    const list = tools.find((t) => t.name === 'list_images');
    expect(Object.keys(list?.inputSchema.properties ?? {}).sort()).toEqual([
      'cursor',
      'email',
      'limit',
      'query',
    ]);
  });
});

describe('generate_image results', () => {
  it('link the full-size image as a resource_link beside the preview and the text', async () => {
    const result = await callTool(client, 'generate_image', { prompt: 'a small boat' });
    const types = result.content.map((block) => block.type);
    expect(types).toEqual(['image', 'text', 'resource_link']);
    const link = result.content.find((block) => block.type === 'resource_link');
    const structured = result.structuredContent as {
      name: string;
      url: string;
      mime_type: string;
      model_id: string;
    };
    expect(link).toMatchObject({
      uri: structured.url,
      name: structured.name,
      mimeType: structured.mime_type,
    });
    const response = await fetch(link?.type === 'resource_link' ? link.uri : '');
    expect(response.headers.get('content-type')).toBe(structured.mime_type);
    made.push(structured);
  });
});

describe('list_images', () => {
  it("lists the caller's images newest first with their links", async () => {
    const result = await callTool(client, 'list_images');
    expect(result.isError, textOf(result)).toBeFalsy();
    const structured = result.structuredContent as { email: string; images: { name: string; url: string }[] };
    expect(structured.email).toBe('dev@local');
    expect(structured.images.map((i) => i.name)).toEqual(made.map((m) => m.name).reverse());
    expect(structured.images[0]?.url).toBe(made.at(-1)?.url);
    expect(structured.images[0]).toMatchObject({ share_url: `${server.url}/v/${made.at(-1)?.name}` });
    expect(textOf(result)).toContain(made[0]?.url);
  });

  it('filters by words of the prompt', async () => {
    const result = await callTool(client, 'list_images', { query: 'RED' });
    const names = (result.structuredContent as { images: { name: string }[] }).images.map((i) => i.name);
    expect(names).toEqual([made[2]?.name, made[0]?.name]);
  });

  it('pages with an opaque next_cursor until the end', async () => {
    const first = await callTool(client, 'list_images', { limit: 3 });
    const page1 = first.structuredContent as { images: { name: string }[]; next_cursor?: string };
    expect(page1.images).toHaveLength(3);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const second = await callTool(client, 'list_images', { limit: 3, cursor: page1.next_cursor });
    const page2 = second.structuredContent as { images: { name: string }[]; next_cursor?: string };
    expect(page2.images.map((i) => i.name)).toEqual([made[0]?.name]);
    expect(page2.next_cursor).toBeUndefined();
  });

  it('refuses a cursor used with other search words', async () => {
    const first = await callTool(client, 'list_images', { limit: 1 });
    const cursor = (first.structuredContent as { next_cursor?: string }).next_cursor;
    const result = await callTool(client, 'list_images', { limit: 1, cursor, query: 'whale' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('different listing');
  });

  it("lets an admin list another person's images", async () => {
    const result = await callTool(client, 'list_images', { email: 'BOB@example.com' });
    expect(result.structuredContent).toMatchObject({
      email: 'bob@example.com',
      images: [
        { name: BOB_IMAGE, prompt: 'a green dragon', model: 'pro', cost_usd: 0.134, actual_cost_usd: 0.13 },
      ],
    });
  });
});

describe('get_usage', () => {
  it('gives this month and all time per person, with budget, what is left and the reset date', async () => {
    const result = await callTool(client, 'get_usage');
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      month: '2026-11',
      budget_resets_at: '2026-12-01T00:00:00.000Z',
      people: [
        {
          email: 'dev@local',
          month: { images: 4, spend_usd: 0.268, by_model: [{ model: made[0]?.model_id, images: 4 }] },
          all_time: { images: 4, spend_usd: 0.268 },
          budget_usd: 1,
          left_usd: 0.732,
        },
        {
          // The deleted November image still counts against Bob's budget.
          email: 'bob@example.com',
          month: { images: 1, spend_usd: 0.134, actual_cost_usd: null },
          all_time: { images: 2, spend_usd: 0.268, actual_cost_usd: 0.13 },
          budget_usd: 1,
          left_usd: 0.866,
        },
        {
          // Nothing spent yet, but a budget of their own: admins see them too.
          email: 'zed@example.com',
          month: { images: 0, spend_usd: 0, actual_cost_usd: null, by_model: [] },
          budget_usd: 2,
          left_usd: 2,
        },
      ],
    });
    expect(textOf(result)).toContain('Budgets reset on 1 December 2026');
  });

  it('reports an earlier month given as YYYY-MM', async () => {
    const result = await callTool(client, 'get_usage', { month: '2026-10' });
    const people = (result.structuredContent as { people: { email: string; month: { images: number } }[] })
      .people;
    expect(people.map((p) => [p.email, p.month.images])).toEqual([
      ['dev@local', 0],
      ['bob@example.com', 1],
      ['zed@example.com', 0],
    ]);
  });

  it('refuses a month that is not YYYY-MM, saying the form', async () => {
    const result = await callTool(client, 'get_usage', { month: 'last month' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Give it as YYYY-MM');
  });
});
