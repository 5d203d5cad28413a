// The official MCP v1 client with its OAuth support, against the OAuth flow world (oauth-flow.ts): a
// headless provider that keeps the client's registration and tokens in memory and completes each sign-in
// through the scripted browser, and `connect`, which signs in when the server asks and connects again.
import { type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { expect } from 'vitest';
import type { FakeUser } from '../fakes/google.js';
import { CLIENT_REDIRECT, type OAuthFlow } from './oauth-flow.js';

export class HeadlessProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  expectedState = '';
  answer: URL | undefined;
  signIns = 0;
  constructor(
    readonly flow: OAuthFlow,
    private readonly user: FakeUser,
  ) {}
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
    this.answer = await this.flow.signInThroughBrowser(url, this.user);
  }
  /** The code from the last answer, after checking it came from our server for our request. */
  code(): string {
    const params = this.answer?.searchParams;
    expect(params?.get('iss')).toBe(this.flow.url);
    expect(params?.get('state')).toBe(this.expectedState);
    return params?.get('code') ?? '';
  }
}

function transportFor(provider: HeadlessProvider) {
  return new StreamableHTTPClientTransport(new URL('/mcp', provider.flow.url), { authProvider: provider });
}

/** Connects; when the server asks for sign-in, completes it and connects again. */
export async function connect(provider: HeadlessProvider): Promise<Client> {
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
