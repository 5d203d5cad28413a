// DNS-rebinding protection for the MCP endpoint in every mode (SPEC §3): the Host header must name the
// public URL's host, and an Origin header, when present, must name it too. When the public host is a
// loopback name, any loopback name on any port is accepted for both. Pure rule + a small middleware.
import type { MiddlewareHandler } from 'hono';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackName(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname.toLowerCase());
}

/** Whether a hostname (no port) is acceptable for a server whose public hostname is `publicHostname`. */
export function isAllowedHostname(hostname: string, publicHostname: string): boolean {
  const wanted = publicHostname.toLowerCase();
  const got = hostname.toLowerCase();
  if (got === wanted) return true;
  return isLoopbackName(wanted) && isLoopbackName(got);
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

function hostnameOfOrigin(value: string): string | undefined {
  try {
    return new URL(value).hostname;
  } catch {
    return undefined;
  }
}

export function createHostGuard(publicUrl: string): MiddlewareHandler {
  const publicHostname = new URL(publicUrl).hostname;
  return async (c, next) => {
    const host = c.req.header('host');
    const hostname = host === undefined ? undefined : hostnameOfHostHeader(host);
    if (hostname === undefined || !isAllowedHostname(hostname, publicHostname)) {
      return c.json({ error: 'forbidden', message: 'This host name is not served here.' }, 403);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const originHost = hostnameOfOrigin(origin);
      if (originHost === undefined || !isAllowedHostname(originHost, publicHostname)) {
        return c.json({ error: 'forbidden', message: 'Requests from this web origin are not allowed.' }, 403);
      }
    }
    await next();
  };
}
