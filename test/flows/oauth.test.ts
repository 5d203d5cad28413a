// End to end through the real server on loopback, the official MCP v1 client with its OAuth support,
// and the fake Google: from the first 401 to a generated image for an allow-listed user; sign-in but no
// generation for anyone else; a restart with the same key that the client does not notice; revocation
// reaching the access token; and the refusals an attacker would try (code replay, wrong verifier,
// foreign redirect URI, altered client id).
import { readdir } from 'node:fs/promises';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeGoogle } from '../fakes/google.js';
import { connect, HeadlessProvider } from '../helpers/oauth-client.js';
import { CLIENT_REDIRECT, createOAuthFlow, GOOGLE_SECRET, SIGNING_KEY } from '../helpers/oauth-flow.js';
import type { TestServer } from '../helpers/server.js';

const flow = createOAuthFlow();
let google: FakeGoogle;
let server: TestServer;

beforeAll(async () => {
  ({ server, google } = await flow.start());
});
afterAll(() => flow.stop());
beforeEach(() => {
  server.gemini.requests.length = 0;
});

async function generate(client: Client): Promise<CallToolResult> {
  return (await client.callTool({
    name: 'generate_image',
    arguments: { prompt: 'a lighthouse at dusk' },
  })) as CallToolResult;
}

const textOf = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
const imagesIn = async (root: string) =>
  (await readdir(root)).filter((name) => /^[0-9a-f]{32}\.(png|jpg)$/.test(name));

describe('OAuth with the MCP SDK client', () => {
  const ada = new HeadlessProvider(flow, { email: 'Ada@Example.com', email_verified: true });

  it('goes from the first 401 to a generated image for an allow-listed user', async () => {
    const challenge = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(
      `resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp"`,
    );
    const client = await connect(ada);
    const googleCalls = google.requests.length;
    const result = await generate(client);
    expect(result.isError).not.toBe(true);
    expect(textOf(result)).toContain(`${server.url}/i/`);
    expect(server.gemini.requests.length).toBeGreaterThan(0);
    expect(google.requests.length).toBe(googleCalls);
    const authorize = google.requests.find((r) => r.path === '/o/oauth2/v2/auth');
    expect(authorize?.params).toMatchObject({
      redirect_uri: `${server.url}/auth/callback`,
      scope: 'openid https://www.googleapis.com/auth/userinfo.email',
      code_challenge_method: 'S256',
    });
    await client.close();
  });

  it('keeps the same client working after a restart with the same key, by access and by refresh token', async () => {
    const signIns = ada.signIns;
    await server.restart();
    const client = await connect(ada);
    expect((await generate(client)).isError).not.toBe(true);
    await client.close();
    const refreshBefore = ada.saved?.refresh_token;
    ada.saveTokens({
      ...(ada.saved ?? { token_type: 'Bearer', access_token: '' }),
      access_token: 'expired-or-bogus',
    });
    await server.restart();
    const refreshed = await connect(ada);
    expect(ada.saved?.refresh_token).not.toBe(refreshBefore);
    expect(ada.signIns).toBe(signIns);
    expect((await generate(refreshed)).isError).not.toBe(true);
    await refreshed.close();
  });

  it('lets someone off the allow-list sign in, but refuses the tool call and generates nothing', async () => {
    const before = await imagesIn(server.root);
    const stranger = new HeadlessProvider(flow, { email: 'mallory@example.com', email_verified: true });
    const client = await connect(stranger);
    const result = await generate(client);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Access denied: mallory@example.com is not on');
    expect(server.gemini.requests).toHaveLength(0);
    expect(await imagesIn(server.root)).toEqual(before);
    await client.close();
  });

  it('refuses a Google account whose e-mail is not verified', async () => {
    const unverified = new HeadlessProvider(flow, { email: 'ada@example.com', email_verified: false });
    await expect(connect(unverified)).rejects.toThrow();
    expect(unverified.answer?.searchParams.get('error')).toBe('access_denied');
    expect(unverified.answer?.searchParams.get('code')).toBeNull();
    expect(unverified.saved).toBeUndefined();
  });

  it('never writes a token or a secret to the log', () => {
    const log = server.logs.join('\n');
    const secrets = [
      ada.saved?.access_token ?? '',
      ada.saved?.refresh_token ?? '',
      GOOGLE_SECRET,
      SIGNING_KEY,
    ];
    expect(secrets.every((secret) => secret.length > 20)).toBe(true);
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);
  });
});

describe('refusals on the wire', () => {
  const { register, authorizeUrl, redeem, freshCode } = flow;

  it('honours a code once', async () => {
    const { client_id: clientId } = await (await register([CLIENT_REDIRECT])).json();
    const code = await freshCode(clientId);
    expect((await redeem(clientId, code)).status).toBe(200);
    const replay = await redeem(clientId, code);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
  });

  it('ends the access token too when the client revokes its refresh token', async () => {
    const { client_id: clientId } = await (await register([CLIENT_REDIRECT])).json();
    const issued = await (await redeem(clientId, await freshCode(clientId))).json();
    expect((await flow.callMcp(issued.access_token)).status).not.toBe(401);
    expect((await flow.revoke(clientId, issued.refresh_token)).status).toBe(200);
    const refused = await flow.callMcp(issued.access_token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain(
      'sign-in this access token belongs to was revoked',
    );
  });

  it('refuses a wrong PKCE verifier', async () => {
    const { client_id: clientId } = await (await register([CLIENT_REDIRECT])).json();
    const response = await redeem(clientId, await freshCode(clientId), 'w'.repeat(64));
    expect(await response.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('code_verifier'),
    });
  });

  it('refuses a foreign redirect URI at registration and at /authorize', async () => {
    const registration = await register(['https://attacker.example.com/callback']);
    expect(registration.status).toBe(400);
    expect(await registration.json()).toMatchObject({ error: 'invalid_redirect_uri' });
    const { client_id: clientId } = await (await register([CLIENT_REDIRECT])).json();
    const page = await fetch(authorizeUrl(clientId, 'https://attacker.example.com/callback'), {
      redirect: 'manual',
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
  });

  it('refuses a tampered client id at /authorize and with 401 invalid_client at /token', async () => {
    const { client_id: clientId } = await (await register([CLIENT_REDIRECT])).json();
    const code = await freshCode(clientId);
    const tampered = `${clientId.slice(0, 12)}${clientId[12] === 'A' ? 'B' : 'A'}${clientId.slice(13)}`;
    expect((await fetch(authorizeUrl(tampered), { redirect: 'manual' })).status).toBe(400);
    const response = await redeem(tampered, code);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });
});
