// What real MCP clients send when they sign in, as observed from their source code and operators' logs:
// the exact dynamic-registration body or the client metadata document they publish, the redirect URI
// (with the port) they really use at /authorize, and where they send `resource` and `scope`. The flow
// test replays each through the real server. Also a stand-in network that serves metadata documents
// from public-looking addresses, so the server's SSRF guard and fetch path run unchanged.
import type { AuthNetwork } from '../../src/auth/index.js';

export interface ClientReplay {
  name: string;
  /** The registration body, byte for byte what the client posts to /register. */
  registration?: Record<string, unknown>;
  /** A client identified by its metadata document: the URL (its client_id) and the document. */
  metadata?: { url: string; document: Record<string, unknown> };
  /** The redirect URI at /authorize, with the port the client really listens on. */
  authorizeRedirect: string;
  /** The scope parameter at /authorize, when the client sends one. */
  scope?: string;
  /** Where the client sends `resource`. */
  resource: { authorize: boolean; token: boolean; refresh: boolean };
  /** Browser-based clients send an Origin and need CORS answers. */
  origin?: string;
}

const CLAUDE_CALLBACK = 'https://claude.ai/api/mcp/auth_callback';
const CURSOR_URIS = [
  'cursor://anysphere.cursor-mcp/oauth/callback',
  'https://www.cursor.com/agents/mcp/oauth/callback',
  'http://localhost:8787/callback',
];
const VSCODE_URIS = [
  'https://insiders.vscode.dev/redirect',
  'https://vscode.dev/redirect',
  'http://127.0.0.1/',
  'http://127.0.0.1:33418/',
];
const everywhere = { authorize: true, token: true, refresh: true };
const nowhere = { authorize: false, token: false, refresh: false };
/** Every scope our server advertises, plus offline_access, as ChatGPT and Gemini CLI ask. */
const ALL_SCOPES = 'mcp offline_access';

const cursor = (authorizeRedirect: string): ClientReplay => ({
  name: `Cursor via ${authorizeRedirect.split(':')[0]} ${new URL(authorizeRedirect).host}`,
  registration: {
    client_name: 'Cursor',
    redirect_uris: CURSOR_URIS,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    scope: 'mcp',
    application_type: 'web',
  },
  authorizeRedirect,
  scope: 'mcp',
  resource: everywhere,
});

const document = (url: string, name: string, redirectUris: string[]) => ({
  url,
  document: {
    client_id: url,
    client_name: name,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  },
});

export const CLIENT_REPLAYS: readonly ClientReplay[] = [
  {
    name: 'Claude.ai by registration',
    registration: {
      client_name: 'Claude',
      redirect_uris: [CLAUDE_CALLBACK],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    authorizeRedirect: CLAUDE_CALLBACK,
    scope: 'offline_access',
    resource: nowhere,
  },
  {
    name: 'Claude.ai by metadata document',
    metadata: document('https://claude.ai/oauth/mcp-oauth-client-metadata', 'Claude', [
      CLAUDE_CALLBACK,
      'https://claude.com/api/mcp/auth_callback',
    ]),
    authorizeRedirect: CLAUDE_CALLBACK,
    scope: 'offline_access',
    resource: { authorize: true, token: true, refresh: false },
  },
  {
    name: 'Claude Code by registration',
    registration: {
      client_name: 'Claude Code (image-studio)',
      redirect_uris: ['http://localhost:53682/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'http://localhost:53682/callback',
    scope: 'mcp offline_access',
    resource: everywhere,
  },
  {
    name: 'Claude Code by metadata document (portless loopback, random port)',
    metadata: document('https://claude.ai/oauth/claude-code-client-metadata', 'Claude Code', [
      'http://localhost/callback',
      'http://127.0.0.1/callback',
    ]),
    authorizeRedirect: 'http://localhost:61023/callback',
    scope: 'mcp offline_access',
    resource: everywhere,
  },
  {
    name: 'ChatGPT by registration (stable callback)',
    registration: {
      client_name: 'ChatGPT',
      redirect_uris: ['https://chatgpt.com/connector_platform_oauth_redirect'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'https://chatgpt.com/connector_platform_oauth_redirect',
    scope: ALL_SCOPES,
    resource: everywhere,
  },
  {
    name: 'ChatGPT by metadata document (per-connector callback)',
    metadata: document('https://chatgpt.com/oauth/GxdvJstdJeOS/client.json', 'ChatGPT', [
      'https://chatgpt.com/connector/oauth/GxdvJstdJeOS',
    ]),
    authorizeRedirect: 'https://chatgpt.com/connector/oauth/GxdvJstdJeOS',
    scope: ALL_SCOPES,
    resource: everywhere,
  },
  {
    name: 'Codex by registration',
    registration: {
      client_name: 'Codex',
      redirect_uris: ['http://127.0.0.1:41873/callback/cdx7Qm2'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      scope: 'mcp',
    },
    authorizeRedirect: 'http://127.0.0.1:41873/callback/cdx7Qm2',
    scope: 'mcp',
    resource: everywhere,
  },
  {
    name: 'Codex by metadata document (portless entry, ephemeral port)',
    metadata: document('https://chatgpt.com/oauth/codex/cdx7Qm2/client.json', 'Codex', [
      'http://127.0.0.1/callback/cdx7Qm2',
    ]),
    authorizeRedirect: 'http://127.0.0.1:50211/callback/cdx7Qm2',
    scope: 'mcp',
    resource: everywhere,
  },
  ...CURSOR_URIS.map(cursor),
  {
    name: 'VS Code by registration (port 33418)',
    registration: {
      client_name: 'Visual Studio Code',
      redirect_uris: VSCODE_URIS,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'http://127.0.0.1:33418/',
    resource: everywhere,
  },
  {
    name: 'VS Code by registration (33418 busy, random port)',
    registration: {
      client_name: 'Visual Studio Code',
      redirect_uris: VSCODE_URIS,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'http://127.0.0.1:58119/',
    resource: everywhere,
  },
  {
    name: 'VS Code by metadata document (vscode.dev)',
    metadata: document('https://vscode.dev/oauth/client-metadata.json', 'Visual Studio Code', [
      'http://127.0.0.1:33418/',
      'https://vscode.dev/redirect',
    ]),
    authorizeRedirect: 'https://vscode.dev/redirect',
    resource: everywhere,
  },
  {
    name: 'Gemini CLI by registration',
    registration: {
      client_name: 'Gemini CLI MCP Client',
      redirect_uris: ['http://localhost:7777/oauth/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: '',
    },
    authorizeRedirect: 'http://localhost:7777/oauth/callback',
    scope: ALL_SCOPES,
    resource: everywhere,
  },
  {
    name: 'Zed by metadata document (port 27523)',
    metadata: document('https://zed.dev/mcp/oauth/client-metadata.json', 'Zed', [
      'http://127.0.0.1/callback',
      'http://localhost/callback',
    ]),
    authorizeRedirect: 'http://127.0.0.1:27523/callback',
    resource: everywhere,
  },
  {
    name: 'OpenCode by metadata document (port 19876)',
    metadata: document('https://opencode.ai/oauth/client-metadata.json', 'OpenCode', [
      'http://127.0.0.1/mcp/oauth/callback',
    ]),
    authorizeRedirect: 'http://127.0.0.1:19876/mcp/oauth/callback',
    resource: everywhere,
  },
  {
    name: 'Goose by metadata document',
    metadata: document('https://goose-docs.ai/oauth/client-metadata.json', 'Goose', [
      'http://127.0.0.1/oauth_callback',
    ]),
    authorizeRedirect: 'http://127.0.0.1:8020/oauth_callback',
    resource: everywhere,
  },
  {
    name: 'Cline by registration (app scheme of VS Code)',
    registration: {
      client_name: 'Cline',
      redirect_uris: ['vscode://saoudrizwan.claude-dev/mcp-auth/callback/7f3a9c1e'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'vscode://saoudrizwan.claude-dev/mcp-auth/callback/7f3a9c1e',
    resource: everywhere,
  },
  {
    name: 'MCP Inspector by registration (browser app)',
    registration: {
      redirect_uris: ['http://localhost:6274/oauth/callback', 'http://localhost:6274/oauth/callback/debug'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      client_name: 'MCP Inspector',
      client_uri: 'https://github.com/modelcontextprotocol/inspector',
    },
    authorizeRedirect: 'http://localhost:6274/oauth/callback',
    scope: 'mcp',
    resource: everywhere,
    origin: 'http://localhost:6274',
  },
  {
    name: 'LibreChat (self-hosted, operator pattern)',
    registration: {
      client_name: 'LibreChat',
      redirect_uris: ['https://chat.example.org/oauth/clients/mcp:images/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    authorizeRedirect: 'https://chat.example.org/oauth/clients/mcp:images/callback',
    resource: everywhere,
  },
  {
    name: 'Open WebUI (self-hosted, operator subdomain pattern)',
    registration: {
      client_name: 'Open WebUI',
      redirect_uris: ['https://team.webui.example.net/api/mcp/images/oauth/callback'],
      token_endpoint_auth_method: 'none',
    },
    authorizeRedirect: 'https://team.webui.example.net/api/mcp/images/oauth/callback',
    resource: everywhere,
  },
  {
    name: 'n8n cloud',
    registration: {
      client_name: 'n8n',
      redirect_uris: ['https://oauth.n8n.cloud/oauth2/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    authorizeRedirect: 'https://oauth.n8n.cloud/oauth2/callback',
    resource: nowhere,
  },
];

/** What the operator sets for the self-hosted clients above. */
export const OPERATOR_REDIRECTS =
  'https://chat.example.org/oauth/clients/*,https://*.webui.example.net/api/mcp/*';

/** A public address for every metadata host, and the documents above served from it. */
export function createMetadataNetwork(
  documents: readonly ClientReplay[],
): AuthNetwork & { fetched: string[] } {
  const byUrl = new Map(
    documents.flatMap((client) => (client.metadata ? [[client.metadata.url, client.metadata.document]] : [])),
  );
  const fetched: string[] = [];
  return {
    fetched,
    lookup: async () => [{ address: '93.184.215.14' }],
    fetchPinned: async (url) => {
      fetched.push(url.href);
      const body = byUrl.get(url.href);
      if (body === undefined) return new Response('not found', { status: 404 });
      return Response.json(body, { headers: { 'cache-control': 'max-age=300' } });
    },
  };
}
