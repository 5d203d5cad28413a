// Reads the environment once, at start-up, into a frozen Config. Every variable of SPEC §8 is validated
// here; a bad value is reported with the variable's name and what is allowed, and all problems are
// reported together. Only main.ts passes `process.env` in; everything else receives the Config.
import { AppError } from './errors.js';
import {
  IMAGE_SIZES,
  type ImageSize,
  listPriceTable,
  MODEL_ALIASES,
  type ModelAlias,
  type PriceTable,
} from './models/catalog.js';

export interface Config {
  port: number;
  host: string;
  /** Public base URL without a trailing slash, e.g. `https://img.example.com`. */
  publicUrl: string;
  root: string;
  authDisabled: boolean;
  demoMode: boolean;
  google: { clientId: string; clientSecret: string; issuer: string };
  signingKey: string;
  previousSigningKey: string | undefined;
  allowedEmails: readonly string[];
  adminEmails: readonly string[];
  extraRedirectUris: readonly string[];
  gemini: { apiKey: string | undefined; baseUrl: string | undefined; timeoutMs: number };
  modelIds: Readonly<Record<ModelAlias, string>>;
  prices: PriceTable;
  shutdownGraceMs: number;
  logLevel: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

const KNOWN_PLACEHOLDERS = new Set([
  'change-me',
  'changeme',
  'secret',
  'dev',
  'development',
  'replace-me',
  'your-secret-here',
  'please-change-me-to-a-long-random-string',
]);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends AppError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('config', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const read = createReader(env, problems);

  const authDisabled = read.flag('IMG_AUTH_DISABLED');
  const publicUrl = read.url('IMG_PUBLIC_URL', 'http://localhost:8766', { stripSlash: true, noPath: true });
  const config: Config = {
    port: read.int('PORT', 8766, 0, 65535),
    host: read.text('HOST', '0.0.0.0'),
    publicUrl,
    root: read.text('IMG_ROOT', './data'),
    authDisabled,
    demoMode: read.flag('IMG_DEMO_MODE'),
    google: {
      clientId: read.text('GOOGLE_OAUTH_CLIENT_ID', ''),
      clientSecret: read.text('GOOGLE_OAUTH_CLIENT_SECRET', ''),
      issuer: read.url('IMG_GOOGLE_ISSUER', 'https://accounts.google.com', { stripSlash: true }),
    },
    signingKey: read.text('IMG_JWT_SIGNING_KEY', ''),
    previousSigningKey: read.optional('IMG_JWT_SIGNING_KEY_PREVIOUS'),
    allowedEmails: read.emails('IMG_ALLOWED_EMAILS'),
    adminEmails: read.emails('IMG_ADMIN_EMAILS'),
    extraRedirectUris: read.urls('IMG_EXTRA_REDIRECT_URIS'),
    gemini: {
      apiKey: read.optional('GEMINI_API_KEY'),
      baseUrl: read.optionalUrl('GEMINI_BASE_URL'),
      timeoutMs: read.int('IMG_GEMINI_TIMEOUT_S', 300, 1, 3600) * 1000,
    },
    modelIds: {
      flash: read.modelId('IMG_MODEL_FLASH', 'gemini-3.1-flash-image'),
      pro: read.modelId('IMG_MODEL_PRO', 'gemini-3-pro-image'),
    },
    prices: readPrices(read),
    shutdownGraceMs: read.int('IMG_SHUTDOWN_GRACE_S', 330, 0, 3600) * 1000,
    logLevel: read.choice('LOG_LEVEL', 'info', LOG_LEVELS),
  };

  if (!authDisabled) checkAuthRequirements(config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function checkAuthRequirements(config: Config, problems: string[]): void {
  const hint = '(or set IMG_AUTH_DISABLED=1 for local development only)';
  if (config.google.clientId === '')
    problems.push(`GOOGLE_OAUTH_CLIENT_ID is required when auth is on ${hint}.`);
  if (config.google.clientSecret === '')
    problems.push(`GOOGLE_OAUTH_CLIENT_SECRET is required when auth is on ${hint}.`);
  if (config.allowedEmails.length === 0)
    problems.push(
      `IMG_ALLOWED_EMAILS must list at least one e-mail when auth is on; nobody could generate ${hint}.`,
    );
  const keyProblem = signingKeyProblem(config.signingKey);
  if (keyProblem !== undefined) problems.push(`IMG_JWT_SIGNING_KEY ${keyProblem} ${hint}.`);
  if (config.previousSigningKey !== undefined) {
    const previous = signingKeyProblem(config.previousSigningKey);
    if (previous !== undefined) problems.push(`IMG_JWT_SIGNING_KEY_PREVIOUS ${previous}.`);
  }
  // OAuth issuers, redirect URIs and Secure cookies need TLS; only loopback may go without (RFC 8252, MCP spec).
  if (!isSecureOrLoopback(config.publicUrl))
    problems.push(
      `IMG_PUBLIC_URL must be an https:// address when auth is on (got ${config.publicUrl}); put the server behind a TLS proxy, or use http://localhost for a local trial.`,
    );
  const insecure = config.extraRedirectUris.filter((uri) => !isSecureOrLoopback(uri));
  if (insecure.length > 0)
    problems.push(
      `IMG_EXTRA_REDIRECT_URIS may hold only https:// or loopback http:// URIs (bad: ${insecure.join(', ')}).`,
    );
}

function isSecureOrLoopback(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Why a signing key is unacceptable, or undefined when it is strong enough. */
export function signingKeyProblem(key: string): string | undefined {
  if (key === '') return 'is required; generate one with `openssl rand -hex 32`';
  if (key.length < 32)
    return `must be at least 32 characters (it has ${key.length}); use \`openssl rand -hex 32\``;
  const lowered = key.toLowerCase();
  if (
    KNOWN_PLACEHOLDERS.has(lowered) ||
    /^(.)\1+$/.test(key) ||
    lowered.includes('change-me') ||
    lowered.includes('changeme')
  )
    return 'is a placeholder, not a secret; use `openssl rand -hex 32`';
  return undefined;
}

function readPrices(read: Reader): PriceTable {
  const table = listPriceTable();
  for (const alias of MODEL_ALIASES) {
    for (const size of IMAGE_SIZES) {
      const name = `IMG_COST_${alias.toUpperCase()}_${size}`;
      const value = read.price(name);
      if (value !== undefined) table[alias][size as ImageSize] = value;
    }
  }
  return table;
}

type Reader = ReturnType<typeof createReader>;

function createReader(env: Env, problems: string[]) {
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
    choice(name: string, fallback: string, allowed: readonly string[]): string {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!allowed.includes(value))
        return fail(name, `must be one of ${allowed.join(', ')} (got "${value}")`, fallback);
      return value;
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
    emails(name: string): string[] {
      const value = raw(name);
      if (value === undefined) return [];
      const list = splitList(value).map((e) => e.toLowerCase());
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
    price(name: string): number | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      const number = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(number))
        return fail(
          name,
          `must be a non-negative number of US dollars such as 0.067 (got "${value}")`,
          undefined,
        );
      return number;
    },
  };
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
