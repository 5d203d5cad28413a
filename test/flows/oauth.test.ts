// End to end through the real server on loopback, the official MCP v1 client with its OAuth support,
// and the fake Google: from the first 401 to a generated image for an allow-listed user; sign-in but no
// generation for anyone else; a restart with the same key that the client does not notice; revocation
// reaching the access token; and the refusals an attacker would try (code replay, wrong verifier,
// foreign redirect URI, altered client id).
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, type FakeUser, startFakeGoogle } from '../fakes/google.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const GOOGLE_ID = 'flow-client.apps.googleusercontent.com';
const GOOGLE_SECRET = 'GOCSPX-flow-secret-0123456789';
const SIGNING_KEY = 'b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef';
const CLIENT_REDIRECT = 'http://127.0.0.1:33418/oauth/callback';

let google: FakeGoogle;
let server: TestServer;
const googleRedirects: string[] = [];

beforeAll(async () => {
  google = await startFakeGoogle({
    clientId: GOOGLE_ID,
    clientSecret: GOOGLE_SECRET,
    redirectUris: googleRedirects,
  });
  server = await startTestServer({
    env: {
      IMG_AUTH_DISABLED: '0',
      GOOGLE_OAUTH_CLIENT_ID: GOOGLE_ID,
      GOOGLE_OAUTH_CLIENT_SECRET: GOOGLE_SECRET,
      IMG_GOOGLE_ISSUER: google.issuer,
      IMG_ALLOWED_EMAILS: 'ada@example.com',
      IMG_JWT_SIGNING_KEY: SIGNING_KEY,
    },
  });
  googleRedirects.push(`${server.url}/auth/callback`, `${server.url}/ui/auth/callback`);
});
afterAll(async () => {
  await server.stop();
  await google.close();
});
beforeEach(() => {
  server.gemini.requests.length = 0;
});

/** A browser with a cookie jar that never follows redirects on its own. */
function createBrowser() {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie !== '' && url.startsWith(server.url)) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => /max-age=0/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** Plays the person: consent page → approve → Google (as `user`) → our callback → back to the client. */
async function signInThroughBrowser(authorizationUrl: URL, user: FakeUser): Promise<URL> {
  const browse = createBrowser();
  const consent = await browse(authorizationUrl.href);
  expect(consent.status).toBe(200);
  const html = await consent.text();
  const approved = await browse(`${server.url}/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      request: field(html, 'request'),
      csrf: field(html, 'csrf'),
      decision: 'approve',
    }),
  });
  google.setNextUser(user);
  const atGoogle = await browse(approved.headers.get('location') ?? '');
  const callback = await browse(atGoogle.headers.get('location') ?? '');
  expect(callback.status).toBe(302);
  return new URL(callback.headers.get('location') ?? '');
}

class HeadlessProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  expectedState = '';
  answer: URL | undefined;
  signIns = 0;
  constructor(private readonly user: FakeUser) {}
  get redirectUrl() {
    return CLIENT_REDIRECT;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Flow Test Client',
      redirect_uris: [CLIENT_REDIRECT],
      token_endpoint_auth_method: 'none',
    };
  }
  state() {
    this.expectedState = crypto.randomUUID();
    return this.expectedState;
  }
  clientInformation = () => this.client;
  saveClientInformation = (info: OAuthClientInformationMixed) => {
    this.client = info;
  };
  tokens = () => this.saved;
  saveTokens = (tokens: OAuthTokens) => {
    this.saved = tokens;
  };
  saveCodeVerifier = (verifier: string) => {
    this.verifier = verifier;
  };
  codeVerifier = () => this.verifier;
  async redirectToAuthorization(url: URL) {
    this.signIns += 1;
    this.answer = await signInThroughBrowser(url, this.user);
  }
  /** The code from the last answer, after checking it came from our server for our request. */
  code(): string {
    const params = this.answer?.searchParams;
    expect(params?.get('iss')).toBe(server.url);
    expect(params?.get('state')).toBe(this.expectedState);
    return params?.get('code') ?? '';
  }
}

function transportFor(provider: HeadlessProvider) {
  return new StreamableHTTPClientTransport(new URL('/mcp', server.url), { authProvider: provider });
}

/** Connects; when the server asks for sign-in, completes it and connects again. */
async function connect(provider: HeadlessProvider): Promise<Client> {
  const client = new Client({ name: 'oauth-flow', version: '1.0.0' });
  const transport = transportFor(provider);
  try {
    await client.connect(transport);
    return client;
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    await transport.finishAuth(provider.code());
  }
  const again = new Client({ name: 'oauth-flow', version: '1.0.0' });
  await again.connect(transportFor(provider));
  return again;
}

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
  const ada = new HeadlessProvider({ email: 'Ada@Example.com', email_verified: true });

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
    const stranger = new HeadlessProvider({ email: 'mallory@example.com', email_verified: true });
    const client = await connect(stranger);
    const result = await generate(client);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Access denied: mallory@example.com is not on');
    expect(server.gemini.requests).toHaveLength(0);
    expect(await imagesIn(server.root)).toEqual(before);
    await client.close();
  });

  it('refuses a Google account whose e-mail is not verified', async () => {
    const unverified = new HeadlessProvider({ email: 'ada@example.com', email_verified: false });
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
  const verifier = 'v'.repeat(64);

  async function register(redirectUris: string[]) {
    return fetch(`${server.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Wire Test', redirect_uris: redirectUris }),
    });
  }

  function authorizeUrl(clientId: string, redirectUri = CLIENT_REDIRECT): URL {
    const url = new URL('/authorize', server.url);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'wire',
    }).toString();
    return url;
  }

  function redeem(clientId: string, code: string, codeVerifier = verifier) {
    return fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        code_verifier: codeVerifier,
        redirect_uri: CLIENT_REDIRECT,
      }),
    });
  }

  async function freshCode(clientId: string): Promise<string> {
    const answer = await signInThroughBrowser(authorizeUrl(clientId), {
      email: 'ada@example.com',
      email_verified: true,
    });
    return answer.searchParams.get('code') ?? '';
  }

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
    const callMcp = () =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.access_token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await callMcp()).status).not.toBe(401);
    const revoked = await fetch(`${server.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: issued.refresh_token }),
    });
    expect(revoked.status).toBe(200);
    const refused = await callMcp();
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
