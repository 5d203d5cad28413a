// The authorization server's two browser cookies, with the attributes the MCP security guidance asks for:
// HttpOnly, SameSite=Lax, Path=/, and on https also Secure with the `__Host-` prefix. On plain-http
// loopback (development and tests) the prefix cannot be used, so the bare name is.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** `binding` ties the consent form to this browser; `login` carries the sealed Google transaction. */
export type CookieName = 'binding' | 'login';

const NAMES: Record<CookieName, string> = { binding: 'mcp_consent', login: 'mcp_login' };

export interface CookieJar {
  get(c: Context, name: CookieName): string | undefined;
  set(c: Context, name: CookieName, value: string, maxAgeSec: number): void;
  clear(c: Context, name: CookieName): void;
}

export function createCookieJar(secure: boolean): CookieJar {
  const base = { httpOnly: true, sameSite: 'Lax', path: '/', secure } as const;
  const withPrefix = secure ? { ...base, prefix: 'host' as const } : base;
  return {
    get: (c, name) => (secure ? getCookie(c, NAMES[name], 'host') : getCookie(c, NAMES[name])),
    set: (c, name, value, maxAgeSec) =>
      setCookie(c, NAMES[name], value, { ...withPrefix, maxAge: maxAgeSec }),
    clear: (c, name) => {
      deleteCookie(c, NAMES[name], withPrefix);
    },
  };
}
