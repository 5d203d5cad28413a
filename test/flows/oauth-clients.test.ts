// Every MCP client we know of, replayed through the real server, the fake Google and a stand-in network
// for client metadata documents: the client's own registration body (or its metadata document), the
// redirect URI and port it really uses at /authorize, consent, Google, the token request as that client
// sends it, `tools/list` with the token, and a refresh. Then the requests that must stay refused.
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_REPLAYS,
  type ClientReplay,
  createMetadataNetwork,
  OPERATOR_REDIRECTS,
} from '../helpers/oauth-clients.js';
import { createOAuthFlow } from '../helpers/oauth-flow.js';

const flow = createOAuthFlow();
const network = createMetadataNetwork(CLIENT_REPLAYS);
const VERIFIER = 'replay-verifier-'.repeat(4);
const ADA = { email: 'ada@example.com', email_verified: true };

beforeAll(async () => {
  await flow.start({ env: { IMG_EXTRA_REDIRECT_URIS: OPERATOR_REDIRECTS }, authNetwork: network });
});
afterAll(() => flow.stop());

const postForm = (path: string, form: Record<string, string | undefined>, origin?: string) =>
  fetch(`${flow.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(origin === undefined ? {} : { origin }),
    },
    body: new URLSearchParams(
      Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  });

async function register(client: ClientReplay): Promise<{ clientId: string; secret?: string }> {
  if (client.metadata !== undefined) return { clientId: client.metadata.url };
  const response = await fetch(`${flow.url}/register`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(client.origin === undefined ? {} : { origin: client.origin }),
    },
    body: JSON.stringify(client.registration),
  });
  expect(response.status).toBe(201);
  if (client.origin !== undefined) expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const body = await response.json();
  expect(body.redirect_uris).toEqual(client.registration?.redirect_uris);
  return { clientId: body.client_id, secret: body.client_secret };
}

function authorizeUrl(client: ClientReplay, clientId: string): URL {
  const url = new URL('/authorize', flow.url);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: client.authorizeRedirect,
    state: `state-${client.name.length}`,
    code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
    code_challenge_method: 'S256',
  };
  if (client.scope !== undefined) params.scope = client.scope;
  if (client.resource.authorize) params.resource = `${flow.url}/mcp`;
  url.search = new URLSearchParams(params).toString();
  return url;
}

async function listTools(accessToken: string): Promise<string[]> {
  const client = new Client({ name: 'replay', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', flow.url), {
    requestInit: { headers: { authorization: `Bearer ${accessToken}` } },
  });
  await client.connect(transport);
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((tool) => tool.name);
}

/** The redirect URI the answer went to, without its query: what the client listens on. */
const target = (answer: URL) => `${answer.protocol}//${answer.host}${answer.pathname}`;

describe('each real MCP client signs in and lists tools', () => {
  it.each(CLIENT_REPLAYS.map((client) => [client.name, client] as const))('%s', async (_name, client) => {
    const { clientId, secret } = await register(client);
    const authorize = authorizeUrl(client, clientId);
    const answer = await flow.signInThroughBrowser(authorize, ADA);
    expect(target(answer)).toBe(client.authorizeRedirect.replace(/\?.*$/, ''));
    expect(answer.searchParams.get('iss')).toBe(flow.url);
    expect(answer.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    const code = answer.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    const resource = (sent: boolean) => (sent ? `${flow.url}/mcp` : undefined);
    const granted = await postForm(
      '/token',
      {
        grant_type: 'authorization_code',
        code: code ?? '',
        code_verifier: VERIFIER,
        client_id: clientId,
        client_secret: secret,
        redirect_uri: client.authorizeRedirect,
        resource: resource(client.resource.token),
      },
      client.origin,
    );
    expect(granted.status).toBe(200);
    const tokens = await granted.json();
    expect(tokens.refresh_token).toEqual(expect.any(String));
    for (const scope of (client.scope ?? 'mcp').split(' ').filter((s) => s !== ''))
      expect(tokens.scope.split(' ')).toContain(scope);
    expect(await listTools(tokens.access_token)).toContain('generate_image');

    const refreshed = await postForm(
      '/token',
      {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
        client_id: clientId,
        client_secret: secret,
        resource: resource(client.resource.refresh),
      },
      client.origin,
    );
    expect(refreshed.status).toBe(200);
    expect(await listTools((await refreshed.json()).access_token)).toContain('generate_image');
  });

  it('fetched each metadata document from its own host, once', () => {
    const documents = CLIENT_REPLAYS.flatMap((client) => (client.metadata ? [client.metadata.url] : []));
    expect([...new Set(network.fetched)].sort()).toEqual([...new Set(documents)].sort());
  });

  it('publishes what the clients check: the exact resource, the issuer under both discovery names, CIMD and iss', async () => {
    const resource = await (await fetch(`${flow.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(resource.resource).toBe(`${flow.url}/mcp`);
    for (const path of ['oauth-authorization-server', 'openid-configuration']) {
      const server = await (await fetch(`${flow.url}/.well-known/${path}`)).json();
      expect(server).toMatchObject({
        issuer: flow.url,
        client_id_metadata_document_supported: true,
        authorization_response_iss_parameter_supported: true,
        scopes_supported: ['mcp', 'offline_access'],
      });
      expect(server.token_endpoint_auth_methods_supported).toContain('none');
    }
  });
});

describe('what stays refused', () => {
  const registerUris = (redirect_uris: string[]) =>
    fetch(`${flow.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Mallory', redirect_uris, token_endpoint_auth_method: 'none' }),
    });

  it.each([
    ['a look-alike of Claude', 'https://claude.ai.evil.example/api/mcp/auth_callback'],
    ['a look-alike of ChatGPT', 'https://chatgpt.com.evil.example/connector/oauth/abc'],
    ['javascript:', 'javascript://claude.ai/%0aalert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['plain http off loopback', 'http://chat.example.org/oauth/clients/x/callback'],
    ['an escape from the ChatGPT prefix', 'https://chatgpt.com/connector/oauth/abc/../../../evil'],
    ['an encoded escape from the ChatGPT prefix', 'https://chatgpt.com/connector/oauth/abc%2F..%2Fevil'],
    ['the operator pattern on another host', 'https://chat.example.com/oauth/clients/x/callback'],
    ['the operator pattern off its path', 'https://chat.example.org/oauthx/clients/x/callback'],
  ])('refuses to register %s, naming the URI, even beside good ones', async (_label, uri) => {
    const response = await registerUris(['https://claude.ai/api/mcp/auth_callback', uri]);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_redirect_uri');
    expect(body.error_description).toContain(uri);
  });

  it('refuses an app scheme for a client that wants a secret', async () => {
    const response = await fetch(`${flow.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback'],
        token_endpoint_auth_method: 'client_secret_post',
      }),
    });
    expect(await response.json()).toMatchObject({
      error: 'invalid_redirect_uri',
      error_description: expect.stringContaining('only for public clients'),
    });
  });

  it('accepts at least eight URIs in one registration', async () => {
    const uris = Array.from({ length: 8 }, (_, i) => `http://127.0.0.1:${3000 + i}/callback`);
    expect((await registerUris(uris)).status).toBe(201);
  });

  it('refuses at /authorize a metadata document from an untrusted host, without fetching it', async () => {
    const before = network.fetched.length;
    const client = CLIENT_REPLAYS.find((c) => c.name.startsWith('Zed')) as ClientReplay;
    const page = await fetch(authorizeUrl(client, 'https://zed.dev.evil.example/client.json'), {
      redirect: 'manual',
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain('not one of them');
    expect(network.fetched.length).toBe(before);
  });

  it('refuses at /authorize a redirect URI the metadata document does not list', async () => {
    const client = CLIENT_REPLAYS.find((c) => c.name.startsWith('VS Code by metadata')) as ClientReplay;
    const attempt = { ...client, authorizeRedirect: 'https://insiders.vscode.dev/redirect' };
    const page = await fetch(authorizeUrl(attempt, client.metadata?.url ?? ''), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
  });
});
