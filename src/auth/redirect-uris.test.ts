import { describe, expect, it } from 'vitest';
import { findRedirectUri, redirectUriMatches, redirectUriProblem } from './redirect-uris.js';

const EXTRAS = ['https://cursor.example.com/oauth/callback'];

describe('redirect URIs accepted at registration', () => {
  it.each([
    'https://claude.ai/api/mcp/auth_callback',
    'https://claude.com/api/mcp/auth_callback',
    'http://localhost:6274/oauth/callback',
    'http://127.0.0.1:33418/callback',
    'http://[::1]:8080/cb',
    'http://localhost/callback',
    'https://cursor.example.com/oauth/callback',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri, EXTRAS)).toBeUndefined();
  });

  it.each([
    ['javascript:alert(1)', 'is not an accepted redirect URI'],
    ['data:text/html,hi', 'is not an accepted redirect URI'],
    ['https://evil.example.com/api/mcp/auth_callback', 'IMG_EXTRA_REDIRECT_URIS'],
    ['https://claude.ai/api/mcp/other', 'is not an accepted redirect URI'],
    ['https://claude.ai.evil.io/api/mcp/auth_callback', 'is not an accepted redirect URI'],
    ['http://claude.ai/api/mcp/auth_callback', 'is not an accepted redirect URI'],
    ['https://claude.ai/api/mcp/auth_callback#frag', 'must not contain a fragment'],
    ['http://user:pw@localhost:3000/cb', 'must not contain credentials'],
    ['http://localhost.evil.io/cb', 'is not an accepted redirect URI'],
    ['not a url', 'is not an absolute URL'],
    ['cursor://anysphere.cursor-retrieval/oauth/callback', 'is not an accepted redirect URI'],
  ])('refuses %s', (uri, message) => {
    expect(redirectUriProblem(uri, EXTRAS)).toContain(message);
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
    ['http://localhost:1111/cb', 'http://localhost:2222/other', false],
    ['http://localhost:1111/cb', 'http://127.0.0.1:1111/cb', false],
    ['http://localhost:1111/cb', 'https://localhost:1111/cb', false],
    ['http://localhost:1111/cb', 'http://localhost:2222/cb#x', false],
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
