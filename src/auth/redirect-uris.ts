// Which redirect URIs a client may register and how a requested one is matched against them. Claude's
// two callbacks, loopback on any port (Claude Code, the Inspector) and the operator's extras are
// accepted at registration; at /authorize the match is exact, except that a loopback port may differ
// (RFC 8252 §7.3). Pure functions; the registration and authorize routes call them.

import { isLoopbackHostname } from '../http/loopback.js';

export const CLAUDE_CALLBACKS: readonly string[] = [
  'https://claude.ai/api/mcp/auth_callback',
  'https://claude.com/api/mcp/auth_callback',
];

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function isLoopbackUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname);
}

/** Why this redirect URI may not be registered, or undefined when it may. */
export function redirectUriProblem(uri: string, extras: readonly string[]): string | undefined {
  const url = parse(uri);
  if (url === undefined) return `"${uri}" is not an absolute URL`;
  if (url.hash !== '') return `"${uri}" must not contain a fragment`;
  if (url.username !== '' || url.password !== '') return `"${uri}" must not contain credentials`;
  if (isLoopbackUrl(url)) return undefined;
  const allowed = [...CLAUDE_CALLBACKS, ...extras];
  if (allowed.some((candidate) => parse(candidate)?.href === url.href)) return undefined;
  return (
    `"${uri}" is not an accepted redirect URI; this server accepts Claude's callbacks, loopback ` +
    'addresses (http://localhost or 127.0.0.1 on any port) and the URIs its operator lists in ' +
    'IMG_EXTRA_REDIRECT_URIS'
  );
}

/**
 * Whether `requested` (from /authorize) names one of the client's registered URIs: the same string, or
 * for loopback the same URI on another port.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = parse(registered);
  const b = parse(requested);
  if (a === undefined || b === undefined || !isLoopbackUrl(a) || !isLoopbackUrl(b)) return false;
  return (
    a.protocol === b.protocol &&
    a.hostname === b.hostname &&
    a.pathname === b.pathname &&
    a.search === b.search &&
    b.hash === '' &&
    b.username === '' &&
    b.password === ''
  );
}

export function findRedirectUri(registered: readonly string[], requested: string): string | undefined {
  return registered.some((uri) => redirectUriMatches(uri, requested)) ? requested : undefined;
}
