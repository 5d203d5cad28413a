// Which redirect URIs a client may register (by dynamic registration or in a metadata document) and how
// a requested one is matched at /authorize. Accepted: loopback on any port and path; the hosted callbacks
// of the clients we know; private-use schemes of apps on the person's device (public clients only,
// RFC 8252 §7.1); and the operator's exact URIs or safe patterns (IMG_EXTRA_REDIRECT_URIS). Never plain
// http off loopback, fragments, user-info, dot-segments, encoded slashes or wildcards. At /authorize the
// match is exact, except that a loopback port may differ (RFC 8252 §7.3). Pure functions.
import { isLoopbackHostname } from '../http/loopback.js';

/** Exact callbacks of hosted clients: Claude, ChatGPT (stable form), Cursor, VS Code and n8n cloud. */
export const HOSTED_CALLBACKS: readonly string[] = [
  'https://claude.ai/api/mcp/auth_callback',
  'https://claude.com/api/mcp/auth_callback',
  'https://chatgpt.com/connector_platform_oauth_redirect',
  'https://www.cursor.com/agents/mcp/oauth/callback',
  'https://vscode.dev/redirect',
  'https://insiders.vscode.dev/redirect',
  'https://oauth.n8n.cloud/oauth2/callback',
];
/** ChatGPT's per-connector callback: that host, that prefix, one id segment and nothing after it. */
const CHATGPT_CONNECTOR = /^https:\/\/chatgpt\.com\/connector\/oauth\/[A-Za-z0-9_-]{1,64}$/;

/** Schemes that are never an app's callback: they run code, read files or leave the device. */
const FORBIDDEN_SCHEMES = new Set([
  'javascript',
  'data',
  'file',
  'vbscript',
  'blob',
  'about',
  'ftp',
  'ws',
  'wss',
  'chrome',
  'chrome-extension',
  'moz-extension',
  'view-source',
  'filesystem',
]);

export const MAX_REDIRECT_URI_LENGTH = 2048;

export interface RedirectClient {
  /** Public clients (no secret) may use private-use schemes; PKCE makes an intercepted code useless. */
  isPublic: boolean;
}

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

/** Problems visible in the string itself, before any parsing could hide them. */
function shapeProblem(uri: string): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `is longer than ${MAX_REDIRECT_URI_LENGTH} characters`;
  if ([...uri].some((ch) => ch <= ' ' || ch === '\x7f')) return 'contains spaces or control characters';
  if (uri.includes('#')) return 'must not contain a fragment';
  if (uri.includes('\\') || /%2f|%5c/i.test(uri)) return 'must not contain backslashes or encoded slashes';
  if (/(?:^|\/)(?:\.|%2e){1,2}(?:[/?]|$)/i.test(uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')))
    return 'must not contain dot-segments (/./ or /../)';
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?]*)/i.exec(uri)?.[1] ?? '';
  if (authority.includes('@')) return 'must not contain credentials (user-info)';
  return undefined;
}

/** A safe operator pattern: literal scheme, exact or `*.` host, exact port, `*` only as the last segment. */
interface Pattern {
  protocol: string;
  host: string;
  /** The host is `*.` + `host`: any subdomain, never the domain itself. */
  subdomains: boolean;
  port: string;
  path: string;
  /** The path ended in `/*`: `path` is a prefix ending in `/`. */
  prefix: boolean;
}

/** Why an operator entry (exact URI or pattern) is unsafe, or undefined; for the start-up check. */
export function redirectPatternProblem(entry: string): string | undefined {
  const shape = shapeProblem(entry.replace(/\*/g, 'x'));
  if (shape !== undefined) return `"${entry}" ${shape}`;
  const url = parse(entry);
  if (url === undefined) return `"${entry}" is not an absolute URL`;
  if (url.protocol !== 'https:' && !isLoopbackUrl(url))
    return `"${entry}" must use https (plain http only on loopback)`;
  if (url.search !== '' && entry.includes('*')) return `"${entry}": a pattern may not have a query`;
  const wildcards = entry.replace(/^https?:\/\/\*\.(?=[^*/]+\.[^*/]+)/, '').replace(/\/\*$/, '');
  if (wildcards.includes('*'))
    return `"${entry}": "*" is allowed only as "*.domain.tld" for subdomains and as the last path segment "/*"`;
  return undefined;
}

function toPattern(entry: string): Pattern | undefined {
  const url = parse(entry.replace(/^(https?:\/\/)\*\./, '$1wildcard.'));
  if (url === undefined || !entry.includes('*')) return undefined;
  const subdomains = /^https?:\/\/\*\./.test(entry);
  const prefix = url.pathname.endsWith('/*');
  return {
    protocol: url.protocol,
    host: subdomains ? url.hostname.slice('wildcard.'.length) : url.hostname,
    subdomains,
    port: url.port,
    path: prefix ? url.pathname.slice(0, -1) : url.pathname,
    prefix,
  };
}

function matchesPattern(pattern: Pattern, url: URL): boolean {
  const hostOk = pattern.subdomains
    ? url.hostname.endsWith(`.${pattern.host}`) && url.hostname.length > pattern.host.length + 1
    : url.hostname === pattern.host;
  const pathOk = pattern.prefix
    ? url.pathname.startsWith(pattern.path) && url.pathname.length > pattern.path.length
    : url.pathname === pattern.path;
  return (
    url.protocol === pattern.protocol && hostOk && url.port === pattern.port && pathOk && url.search === ''
  );
}

export interface RedirectPolicy {
  /** Why `uri` may not be registered by `client`, naming the URI; undefined when it may. */
  problem(uri: string, client: RedirectClient): string | undefined;
}

/** `extras` is IMG_EXTRA_REDIRECT_URIS: exact URIs and patterns, already checked at start-up. */
export function createRedirectPolicy(extras: readonly string[]): RedirectPolicy {
  const exact = new Set(extras.filter((entry) => !entry.includes('*')));
  const patterns = extras.map(toPattern).filter((p): p is Pattern => p !== undefined);
  return {
    problem(uri, client) {
      const shape = shapeProblem(uri);
      if (shape !== undefined) return `"${uri}" ${shape}`;
      if (uri.includes('*')) return `"${uri}" must not contain a wildcard`;
      const url = parse(uri);
      if (url === undefined) return `"${uri}" is not an absolute URL`;
      if (isLoopbackUrl(url)) return undefined;
      if (HOSTED_CALLBACKS.includes(uri) || CHATGPT_CONNECTOR.test(uri) || exact.has(uri)) return undefined;
      if (patterns.some((pattern) => matchesPattern(pattern, url))) return undefined;
      if (url.protocol === 'https:')
        return (
          `"${uri}" is not an accepted redirect URI: this server accepts loopback addresses, the callbacks ` +
          'of known hosted clients, app schemes on your device, and what its operator lists in IMG_EXTRA_REDIRECT_URIS'
        );
      if (url.protocol === 'http:') return `"${uri}" uses plain http off loopback; only https is accepted`;
      return appSchemeProblem(uri, url, client);
    },
  };
}

function appSchemeProblem(uri: string, url: URL, client: RedirectClient): string | undefined {
  const scheme = url.protocol.slice(0, -1);
  if (FORBIDDEN_SCHEMES.has(scheme)) return `"${uri}" uses the ${scheme}: scheme, which is never accepted`;
  if (url.hostname === '' || url.pathname === '' || url.pathname === '/')
    return `"${uri}" needs a host and a path after ${scheme}://`;
  if (!client.isPublic)
    return `"${uri}" is an app scheme, accepted only for public clients (token_endpoint_auth_method "none")`;
  return undefined;
}

/**
 * Whether `requested` (from /authorize) names the registered URI: the same string, or for loopback the
 * same URI on another port (a registered URI without a port matches any port).
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = parse(registered);
  const b = parse(requested);
  if (a === undefined || b === undefined || !isLoopbackUrl(a) || !isLoopbackUrl(b)) return false;
  if (shapeProblem(requested) !== undefined) return false;
  return (
    a.protocol === b.protocol &&
    a.hostname === b.hostname &&
    a.pathname === b.pathname &&
    a.search === b.search
  );
}

export function findRedirectUri(registered: readonly string[], requested: string): string | undefined {
  return registered.some((uri) => redirectUriMatches(uri, requested)) ? requested : undefined;
}

/** Where a code goes, as the consent page shows it: scheme + host for apps, the host for web and loopback. */
export function describeDestination(uri: string): Destination {
  const url = parse(uri);
  if (url === undefined) return { shown: uri, device: undefined };
  if (isLoopbackUrl(url)) return { shown: url.hostname, device: 'loopback' };
  if (url.protocol === 'https:' || url.protocol === 'http:')
    return { shown: url.hostname, device: undefined };
  return { shown: `${url.protocol}//${url.hostname}`, device: 'app' };
}

export interface Destination {
  shown: string;
  /** Set when the code stays on the person's device: a loopback listener or an app's own scheme. */
  device: 'loopback' | 'app' | undefined;
}
