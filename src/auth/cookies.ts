// The browser cookies of both sign-ins, with the attributes the MCP security guidance asks for: HttpOnly,
// SameSite=Lax (Lax, not Strict: the return from Google is a cross-site top-level navigation), Secure
// when the public URL is https, and for cookies on `/` the `__Host-` prefix (not possible on plain-http
// loopback, where the bare name is used). Each sign-in declares its cookies once, by name, path and life.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export interface CookieSpec {
  name: string;
  path: string;
  maxAgeSec: number;
}

export interface CookieJar<K extends string> {
  get(c: Context, key: K): string | undefined;
  set(c: Context, key: K, value: string): void;
  clear(c: Context, key: K): void;
}

export function createCookieJar<K extends string>(
  secure: boolean,
  specs: Readonly<Record<K, CookieSpec>>,
): CookieJar<K> {
  const attributes = (key: K) => {
    const { path } = specs[key];
    const base = { httpOnly: true, sameSite: 'Lax', path, secure } as const;
    return secure && path === '/' ? { ...base, prefix: 'host' as const } : base;
  };
  return {
    get: (c, key) =>
      secure && specs[key].path === '/'
        ? getCookie(c, specs[key].name, 'host')
        : getCookie(c, specs[key].name),
    set: (c, key, value) =>
      setCookie(c, specs[key].name, value, { ...attributes(key), maxAge: specs[key].maxAgeSec }),
    clear: (c, key) => {
      deleteCookie(c, specs[key].name, attributes(key));
    },
  };
}
