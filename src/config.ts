// Reads the environment once, at start-up, into a frozen Config. Every documented variable is validated
// here; a bad value is reported with the variable's name and what is allowed, and all problems are
// reported together. Only main.ts passes `process.env` in; everything else receives the Config.
// The pure redirect-URI rules, imported directly (not through auth/index) so config stays light.
import { redirectPatternProblem } from './auth/redirect-uris.js';
import { createEnvReader, type Env, type EnvReader } from './env-reader.js';
import { AppError } from './errors.js';
import { isSecureOrLoopbackUrl } from './http/loopback.js';
import {
  IMAGE_SIZES,
  MODEL_ALIASES,
  MODEL_FAMILIES,
  type ModelAlias,
  noPriceOverrides,
  type PriceOverrides,
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
  /** Hosts trusted for client metadata documents, besides the known clients' own. */
  cimdHosts: readonly string[];
  gemini: { apiKey: string | undefined; baseUrl: string | undefined; timeoutMs: number };
  modelIds: Readonly<Record<ModelAlias, string>>;
  /** Prices set with `IMG_COST_{ALIAS}_{SIZE}`; sizes left out use the configured model's list price. */
  priceOverrides: PriceOverrides;
  shutdownGraceMs: number;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  /** Memory kept for recently served images, in bytes (IMG_IMAGE_CACHE_MB); 0 turns the cache off. */
  imageCacheBytes: number;
  /** Monthly spending caps per person (calendar month, UTC); see budgets/. */
  budgets: BudgetConfig;
}

export interface BudgetConfig {
  /** IMG_BUDGET_USD: the cap for anyone without an entry of their own; undefined means no cap. */
  defaultUsd: number | undefined;
  /** IMG_BUDGETS: per-person caps that replace the default, up or down; 0 means may not generate. */
  perPerson: readonly { email: string; usd: number }[];
}

export type { Env };

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
  const read = createEnvReader(env, problems);

  const authDisabled = read.flag('IMG_AUTH_DISABLED');
  const port = read.int('PORT', 8766, 0, 65535);
  // Without an explicit address, links point at this machine on the port it listens on.
  const publicUrl = read.url('IMG_PUBLIC_URL', `http://localhost:${port}`, {
    stripSlash: true,
    noPath: true,
  });
  const config: Config = {
    port,
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
    cimdHosts: read.hosts('IMG_CIMD_HOSTS'),
    gemini: {
      apiKey: read.optional('GEMINI_API_KEY'),
      baseUrl: read.optionalUrl('GEMINI_BASE_URL'),
      timeoutMs: read.int('IMG_GEMINI_TIMEOUT_S', 300, 1, 3600) * 1000,
    },
    modelIds: readModelIds(read),
    priceOverrides: readPriceOverrides(read),
    shutdownGraceMs: read.int('IMG_SHUTDOWN_GRACE_S', 330, 0, 3600) * 1000,
    logLevel: read.choice('LOG_LEVEL', 'info', LOG_LEVELS),
    logFormat: read.choice<Config['logFormat']>('LOG_FORMAT', 'json', ['json', 'pretty']),
    // 128 MiB holds ~2,700 1K images or ~300 4K ones: every hot image on a small server, little RAM.
    imageCacheBytes: read.int('IMG_IMAGE_CACHE_MB', 128, 0, 16384) * 1024 * 1024,
    budgets: {
      defaultUsd: read.dollars('IMG_BUDGET_USD', '5'),
      perPerson: read.budgetList('IMG_BUDGETS'),
    },
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
  const unsafe = config.extraRedirectUris.map(redirectPatternProblem).filter((p) => p !== undefined);
  if (unsafe.length > 0 && insecure.length === 0)
    problems.push(`IMG_EXTRA_REDIRECT_URIS has an unsafe entry: ${unsafe.join('; ')}.`);
}

function isSecureOrLoopback(value: string): boolean {
  return isSecureOrLoopbackUrl(new URL(value));
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

function readModelIds(read: EnvReader): Record<ModelAlias, string> {
  const idOf = (alias: ModelAlias): string =>
    read.modelId(MODEL_FAMILIES[alias].envVar, MODEL_FAMILIES[alias].defaultId);
  return { flash: idOf('flash'), pro: idOf('pro'), lite: idOf('lite') };
}

function readPriceOverrides(read: EnvReader): PriceOverrides {
  const table = noPriceOverrides();
  for (const alias of MODEL_ALIASES) {
    for (const size of IMAGE_SIZES) {
      const name = `IMG_COST_${alias.toUpperCase()}_${size}`;
      const value = read.price(name);
      if (value !== undefined) table[alias][size] = value;
    }
  }
  return table;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
