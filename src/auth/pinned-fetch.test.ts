import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPinnedFetch, pinnedLookup } from './pinned-fetch.js';

const LOOPBACK = { address: '127.0.0.1', family: 4 } as const;
const servers: { close(): unknown }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen<T extends Server | ReturnType<typeof createTcpServer>>(server: T): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const init = (timeoutMs = 2000) => ({
  signal: AbortSignal.timeout(timeoutMs),
  headers: { accept: 'application/json' },
});

describe('pinned fetch', () => {
  it('connects to the pinned address, never resolving the name, and returns the response', async () => {
    const seen: { host?: string; url?: string } = {};
    const port = await listen(
      createServer((req, res) => {
        Object.assign(seen, { host: req.headers.host, url: req.url });
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
        res.end('{"ok":true}');
      }),
    );
    // .invalid never resolves (RFC 6761): an answer proves the pinned address was used.
    const url = new URL(`http://metadata.invalid:${port}/oauth/doc?x=1`);
    const response = await createPinnedFetch(httpRequest)(url, LOOPBACK, init());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=60');
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toEqual({ host: `metadata.invalid:${port}`, url: '/oauth/doc?x=1' });
  });

  it('speaks TLS to the pinned address with the host name as SNI, so the certificate is checked for it', async () => {
    const hello: Buffer[] = [];
    const port = await listen(
      createTcpServer((socket) => {
        socket.once('data', (chunk: Buffer) => {
          hello.push(chunk);
          socket.destroy();
        });
      }),
    );
    const url = new URL(`https://claude.ai:${port}/oauth/mcp-oauth-client-metadata`);
    await expect(createPinnedFetch()(url, LOOPBACK, init())).rejects.toThrow();
    expect(Buffer.concat(hello).includes('claude.ai')).toBe(true);
  });

  it('answers a status without a body with an empty body', async () => {
    const port = await listen(
      createServer((_req, res) => {
        res.writeHead(204);
        res.end();
      }),
    );
    const url = new URL(`http://metadata.invalid:${port}/doc`);
    const response = await createPinnedFetch(httpRequest)(url, LOOPBACK, init());
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('gives up when the signal aborts', async () => {
    const port = await listen(createServer(() => undefined));
    const url = new URL(`http://metadata.invalid:${port}/doc`);
    await expect(createPinnedFetch(httpRequest)(url, LOOPBACK, init(50))).rejects.toThrow(/abort/i);
  });

  it.each([
    ['one address', { all: false }, ['203.0.113.9', 4]],
    ['every address', { all: true }, [[{ address: '203.0.113.9', family: 4 }]]],
  ])('answers a lookup for %s with the pinned address only', (_label, options, expected) => {
    const answers: unknown[][] = [];
    pinnedLookup({ address: '203.0.113.9', family: 4 })('evil.example', options, (error, ...rest) => {
      expect(error).toBeNull();
      answers.push(rest);
    });
    expect(answers).toEqual([expected]);
  });
});
