// DNS-rebinding protection in every mode, auth off included: the Host header must name the public
// URL's host, and a browser's Origin header, when present, must be the public origin. When the public host
// is a loopback name, any loopback name on any port is accepted for both. Which checks apply depends on
// the route: public files and the health check take any Host; the OAuth endpoints that browser-based MCP
// clients call across origins (with CORS) check the Host only. Pure rules + one middleware.
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHostname } from './loopback.js';

export type HostPolicy = 'none' | 'host' | 'host-and-origin';

/** Whether a hostname (no port) is acceptable for a server whose public hostname is `publicHostname`. */
export function isAllowedHostname(hostname: string, publicHostname: string): boolean {
  const wanted = publicHostname.toLowerCase();
  const got = hostname.toLowerCase();
  if (got === wanted) return true;
  return isLoopbackHostname(wanted) && isLoopbackHostname(got);
}

/**
 * Whether an Origin header names this server: exactly the public origin (scheme, host and port), or, when
 * the server is public on a loopback name, any http(s) loopback origin.
 */
export function isAllowedOrigin(origin: string, publicUrl: string): boolean {
  const wanted = new URL(publicUrl);
  let got: URL;
  try {
    got = new URL(origin);
  } catch {
    return false;
  }
  if (got.origin === wanted.origin) return true;
  const web = got.protocol === 'http:' || got.protocol === 'https:';
  return web && isLoopbackHostname(wanted.hostname) && isLoopbackHostname(got.hostname);
}

/** Hostname of a Host header value (`example.com:8443`, `[::1]:80`), or undefined when malformed. */
export function hostnameOfHostHeader(value: string): string | undefined {
  if (value === '' || /[/@?#\\\s]/.test(value)) return undefined;
  try {
    return new URL(`http://${value}`).hostname;
  } catch {
    return undefined;
  }
}

const CROSS_ORIGIN_OAUTH = new Set(['/register', '/token', '/revoke']);

/** The checks a path gets. Unknown paths get the strictest. */
export function hostPolicyFor(path: string): HostPolicy {
  if (path === '/health' || path === '/i' || path.startsWith('/i/')) return 'none';
  if (path.startsWith('/.well-known/') || CROSS_ORIGIN_OAUTH.has(path)) return 'host';
  return 'host-and-origin';
}

export function createHostGuard(publicUrl: string): MiddlewareHandler {
  const publicHostname = new URL(publicUrl).hostname;
  return async (c, next) => {
    const policy = hostPolicyFor(c.req.path);
    if (policy === 'none') return next();
    const host = c.req.header('host');
    const hostname = host === undefined ? undefined : hostnameOfHostHeader(host);
    if (hostname === undefined || !isAllowedHostname(hostname, publicHostname)) {
      return c.json({ error: 'forbidden', message: 'This host name is not served here.' }, 403);
    }
    const origin = c.req.header('origin');
    if (policy === 'host-and-origin' && origin !== undefined && !isAllowedOrigin(origin, publicUrl)) {
      return c.json({ error: 'forbidden', message: 'Requests from this web origin are not allowed.' }, 403);
    }
    await next();
  };
}
