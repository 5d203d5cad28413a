import { describe, expect, it } from 'vitest';
import {
  createRedirectPolicy,
  describeDestination,
  findRedirectUri,
  redirectPatternProblem,
  redirectUriMatches,
} from './redirect-uris.js';

const EXTRAS = [
  'https://tools.example.org/oauth/callback',
  'https://chat.example.org/oauth/clients/*',
  'https://*.apps.example.net/api/mcp/*',
  'https://n8n.example.com:8443/rest/oauth2-credential/callback',
];
const policy = createRedirectPolicy(EXTRAS);
const PUBLIC = { isPublic: true };
const CONFIDENTIAL = { isPublic: false };

describe('redirect URIs accepted at registration', () => {
  it.each([
    ['Claude', 'https://claude.ai/api/mcp/auth_callback'],
    ['Claude (claude.com)', 'https://claude.com/api/mcp/auth_callback'],
    ['ChatGPT, stable', 'https://chatgpt.com/connector_platform_oauth_redirect'],
    ['ChatGPT, per connector', 'https://chatgpt.com/connector/oauth/GxdvJstdJeOS'],
    ['Cursor, web', 'https://www.cursor.com/agents/mcp/oauth/callback'],
    ['Cursor, desktop app', 'cursor://anysphere.cursor-mcp/oauth/callback'],
    ['Cursor, loopback', 'http://localhost:8787/callback'],
    ['VS Code, web', 'https://vscode.dev/redirect'],
    ['VS Code Insiders, web', 'https://insiders.vscode.dev/redirect'],
    ['VS Code, portless loopback', 'http://127.0.0.1/'],
    ['VS Code, loopback', 'http://127.0.0.1:33418/'],
    ['Claude Code', 'http://localhost:51234/callback'],
    ['Codex', 'http://127.0.0.1:40111/callback/x1y2z3'],
    ['Gemini CLI', 'http://localhost:7777/oauth/callback'],
    ['Cline', 'vscode://saoudrizwan.claude-dev/mcp-auth/callback/0f3e2d'],
    ['Inspector', 'http://localhost:6274/oauth/callback/debug'],
    ['IPv6 loopback', 'http://[::1]:8080/cb'],
    ['n8n cloud', 'https://oauth.n8n.cloud/oauth2/callback'],
    ["an operator's exact URI", 'https://tools.example.org/oauth/callback'],
    ["an operator's path pattern", 'https://chat.example.org/oauth/clients/mcp:images/callback'],
    ["an operator's subdomain pattern", 'https://team.apps.example.net/api/mcp/images/oauth/callback'],
    ["an operator's exact URI with a port", 'https://n8n.example.com:8443/rest/oauth2-credential/callback'],
  ])('accepts %s: %s', (_label, uri) => {
    expect(policy.problem(uri, PUBLIC)).toBeUndefined();
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', 'is not an absolute URL|never accepted'],
    ['javascript: with slashes', 'javascript://claude.ai/%0aalert(1)', 'never accepted'],
    ['data:', 'data:text/html,hi', 'never accepted'],
    ['file:', 'file:///etc/passwd', 'never accepted'],
    ['chrome-extension:', 'chrome-extension://abcdef/cb', 'never accepted'],
    ['an app scheme without a path', 'myapp://host', 'needs a host and a path'],
    ['an app scheme without a host', 'com.example.app:/callback', 'needs a host and a path'],
    ['a look-alike host', 'https://claude.ai.evil.io/api/mcp/auth_callback', 'is not an accepted'],
    ['a look-alike path', 'https://claude.ai/api/mcp/other', 'is not an accepted'],
    ['plain http off loopback', 'http://claude.ai/api/mcp/auth_callback', 'plain http off loopback'],
    ['a loopback look-alike', 'http://localhost.evil.io/cb', 'plain http off loopback'],
    [
      'an escape from the ChatGPT prefix',
      'https://chatgpt.com/connector/oauth/abc/../../evil',
      'dot-segments',
    ],
    ['a longer ChatGPT path', 'https://chatgpt.com/connector/oauth/abc/more', 'is not an accepted'],
    [
      'an encoded slash in the ChatGPT id',
      'https://chatgpt.com/connector/oauth/abc%2Fevil',
      'encoded slashes',
    ],
    ['ChatGPT on another host', 'https://chatgpt.com.evil.io/connector/oauth/abc', 'is not an accepted'],
    ['a fragment', 'https://claude.ai/api/mcp/auth_callback#frag', 'fragment'],
    ['an empty fragment', 'http://localhost:3000/cb#', 'fragment'],
    ['user-info', 'http://user:pw@localhost:3000/cb', 'credentials'],
    ['user-info before a hosted host', 'https://evil.io@claude.ai/api/mcp/auth_callback', 'credentials'],
    ['a dot-segment on loopback', 'http://127.0.0.1:1/a/../cb', 'dot-segments'],
    ['an encoded dot-segment', 'http://127.0.0.1:1/a/%2e%2e/cb', 'dot-segments'],
    ['a backslash', 'https://claude.ai\\@evil.io/x', 'backslashes'],
    ['a wildcard', 'https://chat.example.org/oauth/clients/*', 'wildcard'],
    [
      'an operator pattern on another host',
      'https://chat.example.com/oauth/clients/x/callback',
      'is not an accepted',
    ],
    [
      'an operator pattern at its bare prefix',
      'https://chat.example.org/oauth/clients/',
      'is not an accepted',
    ],
    [
      'an operator pattern off its segment boundary',
      'https://chat.example.org/oauth/clientsX/cb',
      'is not an accepted',
    ],
    ['the apex of a subdomain pattern', 'https://apps.example.net/api/mcp/x', 'is not an accepted'],
    ['a subdomain pattern on another port', 'https://a.apps.example.net:444/api/mcp/x', 'is not an accepted'],
    ['not a URL', 'not-a-url', 'is not an absolute URL'],
  ])('refuses %s', (_label, uri, message) => {
    const problem = policy.problem(uri, PUBLIC);
    expect(problem).toMatch(new RegExp(message));
    expect(problem).toContain(uri.slice(0, 20));
  });

  it('accepts app schemes only for public clients', () => {
    expect(policy.problem('cursor://anysphere.cursor-mcp/oauth/callback', CONFIDENTIAL)).toContain(
      'only for public clients',
    );
    expect(policy.problem('https://claude.ai/api/mcp/auth_callback', CONFIDENTIAL)).toBeUndefined();
  });
});

describe('operator entries checked at start-up', () => {
  it.each([
    'https://chat.example.org/oauth/clients/*',
    'https://*.example.com/callback',
    'https://*.example.com:8443/api/*',
    'https://tools.example.org/cb?tenant=1',
    'http://127.0.0.1:9000/cb',
  ])('accepts %s', (entry) => {
    expect(redirectPatternProblem(entry)).toBeUndefined();
  });

  it.each([
    ['http://chat.example.org/cb', 'https'],
    ['https://*.com/cb', '"*" is allowed only'],
    ['https://*/cb', '"*" is allowed only'],
    ['https://a*.example.com/cb', '"*" is allowed only'],
    ['https://example.com/*/cb', '"*" is allowed only'],
    ['https://example.com/cb*', '"*" is allowed only'],
    ['https://example.com/cb/*?x=1', 'query'],
    ['https://example.com/a/../*', 'dot-segments'],
  ])('refuses %s', (entry, message) => {
    expect(redirectPatternProblem(entry)).toContain(message);
  });
});

describe('redirect URI matching at /authorize', () => {
  it.each([
    ['https://claude.ai/api/mcp/auth_callback', 'https://claude.ai/api/mcp/auth_callback', true],
    ['https://claude.ai/api/mcp/auth_callback', 'https://claude.ai/api/mcp/auth_callback/', false],
    ['https://claude.ai/api/mcp/auth_callback', 'https://CLAUDE.ai/api/mcp/auth_callback', false],
    ['https://claude.ai/api/mcp/auth_callback', 'https://claude.ai/api/mcp/auth_callback?x=1', false],
    ['http://127.0.0.1:1111/cb', 'http://127.0.0.1:2222/cb', true],
    ['http://localhost:1111/cb', 'http://localhost:2222/cb', true],
    ['http://localhost/callback', 'http://localhost:50123/callback', true],
    ['http://127.0.0.1/', 'http://127.0.0.1:33418/', true],
    ['http://localhost:1111/cb', 'http://localhost:2222/other', false],
    ['http://localhost:1111/cb', 'http://127.0.0.1:1111/cb', false],
    ['http://localhost:1111/cb', 'https://localhost:1111/cb', false],
    ['http://localhost:1111/cb', 'http://localhost:2222/cb#x', false],
    ['http://localhost:1111/cb', 'http://user@localhost:2222/cb', false],
    ['cursor://anysphere.cursor-mcp/oauth/callback', 'cursor://anysphere.cursor-mcp/oauth/callback', true],
    ['cursor://anysphere.cursor-mcp/oauth/callback', 'cursor://anysphere.cursor-mcp:1/oauth/callback', false],
    ['https://cursor.example.com:443/cb', 'https://cursor.example.com:8443/cb', false],
  ])('registered %s, requested %s → %s', (registered, requested, expected) => {
    expect(redirectUriMatches(registered, requested)).toBe(expected);
  });

  it('finds the requested URI among several registered ones', () => {
    const registered = ['https://claude.ai/api/mcp/auth_callback', 'http://localhost:1/cb'];
    expect(findRedirectUri(registered, 'http://localhost:9/cb')).toBe('http://localhost:9/cb');
    expect(findRedirectUri(registered, 'https://claude.com/api/mcp/auth_callback')).toBeUndefined();
  });
});

describe('where the consent page says the code goes', () => {
  it.each([
    ['cursor://anysphere.cursor-mcp/oauth/callback', 'cursor://anysphere.cursor-mcp', 'app'],
    ['https://chatgpt.com/connector/oauth/abc', 'chatgpt.com', undefined],
    ['http://127.0.0.1:33418/', '127.0.0.1', 'loopback'],
    ['http://localhost:8787/callback', 'localhost', 'loopback'],
  ])('%s → %s', (uri, shown, device) => {
    expect(describeDestination(uri)).toEqual({ shown, device });
  });
});
