// DNS rebinding with auth off, where it matters most: a page on another site that resolves its own name to
// this machine must not read the dashboard, change a preference or call a tool. The real server, raw
// requests with a foreign Host or Origin.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let port = '';

beforeAll(async () => {
  server = await startTestServer();
  port = new URL(server.url).port;
});

afterAll(async () => {
  await server?.stop();
});

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
});

describe('DNS rebinding protection (auth off)', () => {
  it('serves the dashboard to its own host', async () => {
    const response = await rawRequest(server.url, '/ui', { headers: { host: `localhost:${port}` } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['GET', '/ui', {}],
    ['GET', '/ui/gallery', {}],
    ['POST', '/mcp', { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }],
    ['GET', '/authorize', {}],
  ])('refuses %s %s under a foreign Host', async (method, path, headers) => {
    const response = await rawRequest(server.url, path, {
      method,
      headers: { host: `evil.example:${port}`, ...headers },
      ...(method === 'POST' ? { body: initialize } : {}),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a preference change posted from a rebound page and leaves prefs alone', async () => {
    const response = await rawRequest(server.url, '/ui/prefs/model', {
      method: 'POST',
      headers: {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'model=pro&csrf=x',
    });
    expect(response.status).toBe(403);
    const prefs = await readFile(join(server.root, 'prefs.json'), 'utf8').catch(() => '{}');
    expect(prefs).not.toContain('pro');
  });

  it('refuses an MCP call from a foreign web origin even on the right host', async () => {
    const response = await rawRequest(server.url, '/mcp', {
      method: 'POST',
      headers: {
        host: `127.0.0.1:${port}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: initialize,
    });
    expect(response.status).toBe(403);
  });

  it('still answers the health check and image links under any Host', async () => {
    const response = await rawRequest(server.url, '/health', {
      headers: { host: 'container-internal:8766' },
    });
    expect(response.status).toBe(200);
  });
});
