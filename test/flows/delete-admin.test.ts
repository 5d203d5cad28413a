// Deleting and the admin page from outside, through the real server over HTTP (sign-in off, so the
// viewer is the admin dev@local and still gets a session for CSRF): a forged token is refused and
// deletes nothing; the genuine form deletes the files while the spend on the overview and the admin page
// stays the same.
import { readdir } from 'node:fs/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, connectClient, textOf } from '../helpers/mcp-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let client: Client;
let name: string;
let cookie = '';

beforeAll(async () => {
  server = await startTestServer();
  client = await connectClient(server.url);
  const result = await callTool(client, 'generate_image', { prompt: 'a paper boat on a puddle' });
  expect(result.isError, textOf(result)).toBeFalsy();
  name = String((result.structuredContent as { name: string }).name);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

async function get(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: cookie === '' ? {} : { cookie } });
  const set = response.headers.getSetCookie()[0];
  if (set !== undefined) cookie = set.split(';')[0] ?? '';
  return { status: response.status, html: await response.text() };
}

function post(path: string, csrf: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ csrf }).toString(),
  });
}

const spendOnOverview = async () =>
  /Total \(1 user\)<\/th><td class="num">\d+<\/td><td class="num">(\$[\d.]+)</.exec(
    (await get('/ui')).html,
  )?.[1];
const files = async () => (await readdir(server.root)).filter((f) => !f.startsWith('.'));

describe('deleting through the real server', () => {
  it('refuses a forged CSRF token and keeps the image', async () => {
    await get('/ui');
    const response = await post(`/ui/images/${name}/delete`, 'A'.repeat(43));
    expect(response.status).toBe(403);
    expect(await files()).toContain(name);
  });

  it('deletes with the genuine token, and the spend stays on the overview and the admin page', async () => {
    const before = await spendOnOverview();
    expect(before).toMatch(/^\$0\.\d{3}$/);
    const confirm = await get(`/ui/images/${name}/delete`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(confirm.html)?.[1] ?? '';
    const response = await post(`/ui/images/${name}/delete`, csrf);
    expect(response.status).toBe(303);
    expect(await files()).not.toContain(name);
    expect((await fetch(`${server.url}/i/${name}`)).status).toBe(404);
    expect((await fetch(`${server.url}/v/${name}`)).status).toBe(404);
    expect(await spendOnOverview()).toBe(before);
    const admin = await get('/ui/admin');
    expect(admin.status).toBe(200);
    expect(admin.html).toContain(
      `<td class="num">0</td><td class="num">1</td><td class="num">${before}</td>`,
    );
  });
});
