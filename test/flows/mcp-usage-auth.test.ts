// End to end with sign-in on: the official MCP v1 client signs in through the fake Google as different
// people. A person sees only their own images and spend and may not name anyone else; an admin sees
// everyone; someone off the allow-list gets nothing; each person's budget is their own.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, HeadlessProvider } from '../helpers/oauth-client.js';
import { createOAuthFlow } from '../helpers/oauth-flow.js';

const flow = createOAuthFlow();
const clients: Client[] = [];

beforeAll(async () => {
  const { server } = await flow.start();
  await server.restart({
    IMG_ALLOWED_EMAILS: 'ada@example.com,boss@example.com',
    IMG_ADMIN_EMAILS: 'boss@example.com',
    IMG_BUDGET_USD: '0.1',
    IMG_BUDGETS: 'boss@example.com=1',
    // Flash at 1K is priced $0.067 here whatever the model lineup's list price, so the sums stay fixed.
    IMG_COST_FLASH_1K: '0.067',
  });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await flow.stop();
});

async function signedIn(email: string): Promise<Client> {
  const client = await connect(new HeadlessProvider(flow, { email, email_verified: true }));
  clients.push(client);
  return client;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const textOf = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');

describe('history, spend and budgets per signed-in person', () => {
  let ada: Client;
  let boss: Client;

  beforeAll(async () => {
    ada = await signedIn('ada@example.com');
    boss = await signedIn('boss@example.com');
  });

  it('keeps each person to their own budget, naming the admin to ask', async () => {
    expect((await call(ada, 'generate_image', { prompt: 'a red fox' })).isError).toBeFalsy();
    const refused = await call(ada, 'generate_image', { prompt: 'another fox' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('You have spent $0.067 of $0.10');
    expect(textOf(refused)).toContain('ask an admin of this server (boss@example.com)');
    for (const prompt of ['a castle', 'a moat'])
      expect((await call(boss, 'generate_image', { prompt })).isError).toBeFalsy();
  });

  it('shows a person only their own images and spend', async () => {
    const list = await call(ada, 'list_images');
    expect(list.structuredContent).toMatchObject({
      email: 'ada@example.com',
      images: [{ prompt: 'a red fox' }],
    });
    const usage = await call(ada, 'get_usage');
    const people = (usage.structuredContent as { people: { email: string }[] }).people;
    expect(people.map((p) => p.email)).toEqual(['ada@example.com']);
    expect(usage.structuredContent).toMatchObject({
      people: [{ month: { images: 1, spend_usd: 0.067 }, budget_usd: 0.1, left_usd: 0.033 }],
    });
  });

  it("refuses a person who names someone else's images", async () => {
    const result = await call(ada, 'list_images', { email: 'boss@example.com' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Only admins of this server can look at other people's images");
  });

  it('shows an admin everyone', async () => {
    const usage = await call(boss, 'get_usage');
    expect(usage.structuredContent).toMatchObject({
      people: [
        { email: 'boss@example.com', month: { images: 2, spend_usd: 0.134 }, budget_usd: 1, left_usd: 0.866 },
        { email: 'ada@example.com', month: { images: 1, spend_usd: 0.067 }, budget_usd: 0.1 },
      ],
    });
    const list = await call(boss, 'list_images', { email: 'ada@example.com' });
    expect(list.structuredContent).toMatchObject({
      email: 'ada@example.com',
      images: [{ prompt: 'a red fox' }],
    });
  });

  it('gives someone off the allow-list neither images nor spend', async () => {
    const mallory = await signedIn('mallory@example.com');
    for (const tool of ['list_images', 'get_usage']) {
      const result = await call(mallory, tool);
      expect(result.isError, tool).toBe(true);
      expect(textOf(result), tool).toContain('Access denied: mallory@example.com is not on');
    }
  });
});
