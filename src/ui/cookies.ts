// Setting and clearing the two dashboard cookies. Both are HttpOnly and SameSite=Lax (Lax, not Strict,
// because the return from Google is a cross-site top-level navigation), Secure when the public URL is
// https. The session cookie is scoped to /ui; the login cookie only to the callback path.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/types.js';
import type { UiRuntime } from './deps.js';
import { LOGIN_TTL_S } from './login-state.js';
import { CALLBACK_PATH, UI_BASE } from './paths.js';

export function readSessionCookie(c: Context<AppEnv>, rt: UiRuntime): string | undefined {
  return getCookie(c, rt.cookies.sessionName);
}

export function setSessionCookie(c: Context<AppEnv>, rt: UiRuntime, token: string): void {
  setCookie(c, rt.cookies.sessionName, token, {
    path: UI_BASE,
    httpOnly: true,
    sameSite: 'Lax',
    secure: rt.cookies.secure,
    maxAge: rt.sessionTtlSeconds,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, rt: UiRuntime): void {
  deleteCookie(c, rt.cookies.sessionName, {
    path: UI_BASE,
    httpOnly: true,
    sameSite: 'Lax',
    secure: rt.cookies.secure,
  });
}

export function readLoginCookie(c: Context<AppEnv>, rt: UiRuntime): string | undefined {
  return getCookie(c, rt.cookies.loginName);
}

export function setLoginCookie(c: Context<AppEnv>, rt: UiRuntime, token: string): void {
  setCookie(c, rt.cookies.loginName, token, {
    path: CALLBACK_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: rt.cookies.secure,
    maxAge: LOGIN_TTL_S,
  });
}

export function clearLoginCookie(c: Context<AppEnv>, rt: UiRuntime): void {
  deleteCookie(c, rt.cookies.loginName, {
    path: CALLBACK_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: rt.cookies.secure,
  });
}
