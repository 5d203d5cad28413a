import { describe, expect, it } from 'vitest';
import { cacheLifetime, createCimdResolver, type LookupAddresses } from './cimd.js';
import type { PinnedFetch } from './pinned-fetch.js';

const CLAUDE_ID = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
const CLAUDE_DOC = {
  client_id: CLAUDE_ID,
  client_name: 'Claude',
  redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
  token_endpoint_auth_method: 'none',
};
const PUBLIC: LookupAddresses = async () => [{ address: '160.79.104.10' }];

function harness(
  options: {
    body?: unknown;
    status?: number;
    headers?: Record<string, string>;
    lookup?: LookupAddresses;
  } = {},
) {
  const calls: { url: string; address: string }[] = [];
  let now = 0;
  const fetchImpl: PinnedFetch = async (url, pinned) => {
    calls.push({ url: url.href, address: pinned.address });
    const text = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? CLAUDE_DOC);
    return new Response(text, { status: options.status ?? 200, headers: options.headers ?? {} });
  };
  const resolver = createCimdResolver({
    fetchPinned: fetchImpl,
    lookup: options.lookup ?? PUBLIC,
    clock: () => now,
    maxBytes: 2048,
  });
  return { resolver, calls, advance: (ms: number) => (now += ms) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'invalid_client' });
  return error instanceof Error ? error.message : '';
}

describe('client ID metadata documents', () => {
  it("reads Claude's document", async () => {
    const { resolver } = harness();
    await expect(resolver.resolve(CLAUDE_ID)).resolves.toEqual({
      clientId: CLAUDE_ID,
      name: 'Claude',
      redirectUris: ['https://claude.ai/api/mcp/auth_callback'],
      host: 'claude.ai',
    });
  });

  it.each([
    [
      'a host outside the allow-list',
      'https://evil.example.com/client.json',
      'accepted only from claude.ai, claude.com',
    ],
    ['plain http', 'http://claude.ai/oauth/meta', 'must be served over https'],
    ['a port', 'https://claude.ai:8443/oauth/meta', 'on the default port'],
    ['credentials', 'https://user@claude.ai/oauth/meta', 'without credentials'],
    ['no path', 'https://claude.ai/', 'needs a path'],
    ['a fragment', 'https://claude.ai/meta#x', 'no fragment'],
  ])('refuses %s without fetching', async (_label, clientId, message) => {
    const { resolver, calls } = harness();
    expect(await refusal(resolver.resolve(clientId))).toContain(message);
    expect(calls).toEqual([]);
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['a private network', '10.0.0.7'],
    ['the cloud metadata service', '169.254.169.254'],
    ['IPv6 unique-local', 'fd12::1'],
  ])('refuses a host that resolves to %s, without fetching', async (_label, address) => {
    const { resolver, calls } = harness({ lookup: async () => [{ address: '160.79.104.10' }, { address }] });
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain('private or reserved address');
    expect(calls).toEqual([]);
  });

  it('refuses a host that does not resolve', async () => {
    const { resolver } = harness({
      lookup: async () => {
        throw new Error('ENOTFOUND');
      },
    });
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain('could not be resolved');
  });

  it.each([
    ['a redirect', { status: 302, headers: { location: 'http://10.0.0.1/' } }, 'answered HTTP 302'],
    ['an error status', { status: 404 }, 'answered HTTP 404'],
    [
      'a body over the size cap',
      { body: { ...CLAUDE_DOC, client_name: 'x'.repeat(180), pad: 'y'.repeat(4000) } },
      'larger than 2048 bytes',
    ],
    ['a declared length over the cap', { headers: { 'content-length': '999999' } }, 'larger than 2048 bytes'],
    ['a body that is not JSON', { body: '<html>' }, 'is not JSON'],
    [
      'a document for another client id',
      { body: { ...CLAUDE_DOC, client_id: 'https://claude.ai/other' } },
      'names a different client_id',
    ],
    ['a document without redirect URIs', { body: { client_id: CLAUDE_ID } }, 'lacks redirect_uris'],
    [
      'a confidential auth method',
      { body: { ...CLAUDE_DOC, token_endpoint_auth_method: 'private_key_jwt' } },
      'accepts only public clients',
    ],
    [
      'a foreign redirect URI',
      { body: { ...CLAUDE_DOC, redirect_uris: ['https://evil.example.com/cb'] } },
      'redirect URI we refuse',
    ],
  ])('refuses %s', async (_label, options, message) => {
    const { resolver } = harness(options);
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain(message);
  });

  it('gives up on a server that does not answer in time', async () => {
    const hanging: PinnedFetch = (_url, _pinned, init) =>
      new Promise((_resolve, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason)),
      );
    const resolver = createCimdResolver({
      fetchPinned: hanging,
      lookup: PUBLIC,
      clock: () => 0,
      timeoutMs: 50,
    });
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain('could not be fetched in time');
  });

  it('reuses a document for as long as Cache-Control allows', async () => {
    const { resolver, calls, advance } = harness({ headers: { 'cache-control': 'public, max-age=120' } });
    await resolver.resolve(CLAUDE_ID);
    advance(119_000);
    await resolver.resolve(CLAUDE_ID);
    expect(calls).toHaveLength(1);
    advance(2_000);
    await resolver.resolve(CLAUDE_ID);
    expect(calls).toHaveLength(2);
  });

  it('connects only to the address it checked, whatever DNS answers afterwards', async () => {
    const answers = ['160.79.104.10', '127.0.0.1'];
    let lookups = 0;
    const { resolver, calls } = harness({
      lookup: async () => [{ address: answers[lookups++] ?? '127.0.0.1' }],
    });
    await resolver.resolve(CLAUDE_ID);
    expect(calls).toEqual([{ url: CLAUDE_ID, address: '160.79.104.10' }]);
    expect(lookups).toBe(1);
  });

  it('remembers a failed document for a minute instead of fetching it on every request', async () => {
    const { resolver, calls, advance } = harness({ status: 404 });
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain('answered HTTP 404');
    advance(59_000);
    expect(await refusal(resolver.resolve(CLAUDE_ID))).toContain('answered HTTP 404');
    expect(calls).toHaveLength(1);
    advance(2_000);
    await refusal(resolver.resolve(CLAUDE_ID));
    expect(calls).toHaveLength(2);
  });

  it('remembers a host that did not resolve, without asking DNS again', async () => {
    let lookups = 0;
    const { resolver } = harness({
      lookup: async () => {
        lookups += 1;
        throw new Error('ENOTFOUND');
      },
    });
    await refusal(resolver.resolve(CLAUDE_ID));
    await refusal(resolver.resolve(CLAUDE_ID));
    expect(lookups).toBe(1);
  });

  it('fetches once for concurrent requests', async () => {
    const { resolver, calls } = harness();
    await Promise.all([resolver.resolve(CLAUDE_ID), resolver.resolve(CLAUDE_ID)]);
    expect(calls).toHaveLength(1);
  });

  it.each([
    [null, 3_600_000],
    ['no-store', 0],
    ['private, no-cache', 0],
    ['max-age=5', 60_000],
    ['public, max-age=600', 600_000],
    ['max-age=9999999', 86_400_000],
  ])('keeps a document with Cache-Control %j for %i ms', (header, expected) => {
    expect(cacheLifetime(header)).toBe(expected);
  });
});
