// Reads typed values out of the environment for config.ts. Each reader trims the value, treats an
// empty string as unset, and on a bad value records one problem naming the variable and what it accepts,
// then returns the fallback so every problem can be reported at once.

import { normaliseEmail } from './email.js';

/** The process environment as config.ts reads it. */
export type Env = Readonly<Record<string, string | undefined>>;

export type EnvReader = ReturnType<typeof createEnvReader>;

export function createEnvReader(env: Env, problems: string[]) {
  const raw = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const fail = <T>(name: string, message: string, fallback: T): T => {
    problems.push(`${name} ${message}.`);
    return fallback;
  };
  const dollars = (name: string, example: string): number | undefined => {
    const value = raw(name);
    if (value === undefined) return undefined;
    if (!DOLLARS.test(value) || !Number.isFinite(Number(value)))
      return fail(
        name,
        `must be a non-negative number of US dollars such as ${example} (got "${value}")`,
        undefined,
      );
    return Number(value);
  };
  return {
    optional: raw,
    text: (name: string, fallback: string) => raw(name) ?? fallback,
    flag(name: string): boolean {
      const value = raw(name);
      if (value === undefined || value === '0' || value.toLowerCase() === 'false') return false;
      if (value === '1' || value.toLowerCase() === 'true') return true;
      return fail(name, `must be 1 or 0 (got "${value}")`, false);
    },
    int(name: string, fallback: number, min: number, max: number): number {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
        return fail(name, `must be a whole number from ${min} to ${max} (got "${value}")`, fallback);
      return Number(value);
    },
    choice<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
      const value = raw(name);
      if (value === undefined) return fallback;
      const match = allowed.find((option) => option === value);
      if (match === undefined)
        return fail(name, `must be one of ${allowed.join(', ')} (got "${value}")`, fallback);
      return match;
    },
    url(name: string, fallback: string, opts: { stripSlash?: boolean; noPath?: boolean } = {}): string {
      const value = raw(name) ?? fallback;
      const parsed = parseHttpUrl(value);
      if (parsed === undefined) return fail(name, `must be an http(s) URL (got "${value}")`, fallback);
      if (opts.noPath && parsed.pathname !== '/' && parsed.pathname !== '')
        return fail(
          name,
          `must be a bare origin such as https://img.example.com, without a path (got "${value}")`,
          fallback,
        );
      if (parsed.search !== '' || parsed.hash !== '')
        return fail(name, `must not have a query or fragment`, fallback);
      return opts.stripSlash ? value.replace(/\/+$/, '') : value;
    },
    optionalUrl(name: string): string | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      if (parseHttpUrl(value) === undefined)
        return fail(name, `must be an http(s) URL (got "${value}")`, undefined);
      return value.replace(/\/+$/, '');
    },
    urls(name: string): string[] {
      const value = raw(name);
      if (value === undefined) return [];
      const list = splitList(value);
      const bad = list.filter((u) => parseHttpUrl(u) === undefined);
      if (bad.length > 0)
        return fail(name, `must be comma-separated http(s) URLs (bad: ${bad.join(', ')})`, []);
      return list;
    },
    hosts(name: string): string[] {
      const value = raw(name);
      if (value === undefined) return [];
      const list = splitList(value).map((h) => h.toLowerCase());
      const bad = list.filter(
        (h) => !/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(h),
      );
      if (bad.length > 0)
        return fail(
          name,
          `must be comma-separated host names such as app.example.com (bad: ${bad.join(', ')})`,
          [],
        );
      return [...new Set(list)];
    },
    emails(name: string): string[] {
      const value = raw(name);
      if (value === undefined) return [];
      const list = splitList(value).map(normaliseEmail);
      const bad = list.filter((e) => !/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(e));
      if (bad.length > 0)
        return fail(name, `must be comma-separated e-mail addresses (bad: ${bad.join(', ')})`, []);
      return [...new Set(list)];
    },
    modelId(name: string, fallback: string): string {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!/^[a-z0-9][a-z0-9.-]{2,80}$/.test(value))
        return fail(name, `must be a Gemini model id such as ${fallback} (got "${value}")`, fallback);
      return value;
    },
    price: (name: string): number | undefined => dollars(name, '0.067'),
    dollars,
    /** `email=amount,email=amount`: every entry a valid e-mail and a non-negative amount, each e-mail once. */
    budgetList(name: string): { email: string; usd: number }[] {
      const value = raw(name);
      if (value === undefined) return [];
      const entries = splitList(value).map(parseBudgetEntry);
      const bad = entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : []));
      if (bad.length > 0)
        return fail(
          name,
          `must be comma-separated email=amount pairs in US dollars, such as ada@example.com=10,bob@example.com=0 (bad: ${bad.join(', ')})`,
          [],
        );
      const parsed = entries.flatMap((entry) => (typeof entry === 'string' ? [] : [entry]));
      const emails = parsed.map((entry) => entry.email);
      const twice = emails.filter((email, i) => emails.indexOf(email) !== i);
      if (twice.length > 0)
        return fail(
          name,
          `names each e-mail once (given more than once: ${[...new Set(twice)].join(', ')})`,
          [],
        );
      return parsed;
    },
  };
}

const DOLLARS = /^\d+(\.\d+)?$/;
// Looser than the allow-list rule on purpose: `dev@local`, the caller when auth is off, may have a budget too.
const EMAIL = /^[^\s@,=]+@[^\s@,=]+$/;

/** One `email=amount` entry, or the entry itself as text when it is malformed. */
function parseBudgetEntry(entry: string): { email: string; usd: number } | string {
  const at = entry.lastIndexOf('=');
  const email = normaliseEmail(entry.slice(0, Math.max(0, at)));
  const amount = entry.slice(at + 1).trim();
  if (at < 0 || !EMAIL.test(email) || !DOLLARS.test(amount)) return `"${entry}"`;
  return { email, usd: Number(amount) };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
