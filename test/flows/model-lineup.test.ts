// End to end, auth off: how the model lineup behaves for an operator. A fresh install asks Gemini for
// Nano Banana 2.1 with only a key; an operator who pins the deprecated Nano Banana 2 gets its 512 tier
// and prices back while Google still serves it, and a clear "set IMG_MODEL_FLASH" error once it does not;
// an id the server does not know is sent as given and priced from the operator's variables.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fakes/gemini.js';
import { ALL_FAKE_MODEL_IDS } from '../fakes/gemini-tables.js';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
let client: Client | undefined;
let gemini: FakeGemini | undefined;

afterEach(async () => {
  await client?.close();
  await server?.stop();
  await gemini?.close();
  client = undefined;
  server = undefined;
  gemini = undefined;
});

async function start(env: Record<string, string>, knownModels?: readonly string[]) {
  gemini = await startFakeGemini(knownModels === undefined ? {} : { knownModels });
  server = await startTestServer({ env, gemini });
  client = await connectClient(server.url);
  return { server, client, gemini };
}

describe('the model lineup from an operator’s side', () => {
  it('asks for Nano Banana 2.1 by default and offers lite and pro', async () => {
    const { client, gemini } = await start({});
    const result = await callTool(client, 'generate_image', { prompt: 'a kingfisher' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(gemini.requests.at(-1)?.model).toBe('gemini-nano-banana-2.1');
    expect(result.structuredContent).toMatchObject({ model: 'flash', cost_usd: 0.0336 });
    const lite = await callTool(client, 'generate_image', { prompt: 'a draft', model: 'lite' });
    expect(gemini.requests.at(-1)?.model).toBe('gemini-3.1-flash-lite-image');
    expect(lite.structuredContent).toMatchObject({ model: 'lite', cost_usd: 0.0336 });
  });

  it('brings back 512 at its own price when the operator pins Nano Banana 2', async () => {
    const { client, gemini, server } = await start(
      { IMG_MODEL_FLASH: 'gemini-3.1-flash-image' },
      ALL_FAKE_MODEL_IDS,
    );
    const { tools } = await client.listTools();
    const props = tools.find((t) => t.name === 'generate_image')?.inputSchema.properties as Record<
      string,
      { enum?: string[] }
    >;
    expect(props.image_size?.enum).toEqual(['512', '1K', '2K', '4K']);
    // Sent as a bare number, as the Inspector CLI and some clients do.
    const result = await callTool(client, 'generate_image', { prompt: 'a wren', image_size: 512 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ model_id: 'gemini-3.1-flash-image', cost_usd: 0.045 });
    expect(gemini.requests.at(-1)?.model).toBe('gemini-3.1-flash-image');
    const notice = server.logs.find((line) => line.includes('model-notice'));
    expect(notice).toContain('IMG_MODEL_FLASH=gemini-3.1-flash-image is Nano Banana 2');
  });

  it('tells the person to ask the operator when the pinned model has been shut down', async () => {
    const { client, gemini } = await start({ IMG_MODEL_FLASH: 'gemini-3.1-flash-image' });
    const result = await callTool(client, 'generate_image', { prompt: 'a wren' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/"gemini-3.1-flash-image".*IMG_MODEL_FLASH/s);
    expect(gemini.requests).toHaveLength(1);
  });

  it('sends an id it does not know as given and records the operator’s price', async () => {
    const { client, gemini } = await start(
      { IMG_MODEL_LITE: 'gemini-nano-banana-3-lite', IMG_COST_LITE_2K: '0.05' },
      [...ALL_FAKE_MODEL_IDS, 'gemini-nano-banana-3-lite'],
    );
    const result = await callTool(client, 'generate_image', {
      prompt: 'a heron',
      model: 'lite',
      image_size: '2K',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(gemini.requests.at(-1)?.model).toBe('gemini-nano-banana-3-lite');
    expect(result.structuredContent).toMatchObject({ model: 'lite', image_size: '2K', cost_usd: 0.05 });
  });
});
