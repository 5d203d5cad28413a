import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, signingKeyProblem } from './config.js';

const STRONG_KEY = 'f3b1c9d2e8a7465f9b0c1d2e3f4a5b6c7d8e9f00';
const AUTH_ENV = {
  GOOGLE_OAUTH_CLIENT_ID: 'client.apps.googleusercontent.com',
  GOOGLE_OAUTH_CLIENT_SECRET: 'secret-value',
  IMG_ALLOWED_EMAILS: 'ada@example.com',
  IMG_JWT_SIGNING_KEY: STRONG_KEY,
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('configuration defaults', () => {
  it('runs locally with auth disabled and nothing else set', () => {
    const config = loadConfig({ IMG_AUTH_DISABLED: '1' });
    expect(config).toMatchObject({
      port: 8766,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8766',
      root: './data',
      authDisabled: true,
      google: { issuer: 'https://accounts.google.com' },
      gemini: { timeoutMs: 300_000, apiKey: undefined, baseUrl: undefined },
      modelIds: {
        flash: 'gemini-nano-banana-2.1',
        pro: 'gemini-3-pro-image',
        lite: 'gemini-3.1-flash-lite-image',
      },
      priceOverrides: { flash: {}, pro: {}, lite: {} },
      imageCacheBytes: 128 * 1024 * 1024,
    });
    expect(Object.isFrozen(config.priceOverrides.flash)).toBe(true);
  });

  it('hands out links on the port it listens on when no public URL is set', () => {
    const config = loadConfig({ IMG_AUTH_DISABLED: '1', PORT: '8777' });
    expect(config.port).toBe(8777);
    expect(config.publicUrl).toBe('http://localhost:8777');
  });

  it('keeps an explicit public URL whatever the port', () => {
    const config = loadConfig({
      IMG_AUTH_DISABLED: '1',
      PORT: '8777',
      IMG_PUBLIC_URL: 'http://localhost:9000',
    });
    expect(config.publicUrl).toBe('http://localhost:9000');
  });

  it('logs JSON unless readable lines are asked for', () => {
    expect(loadConfig({ IMG_AUTH_DISABLED: '1' }).logFormat).toBe('json');
    expect(loadConfig({ IMG_AUTH_DISABLED: '1', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('normalises lists and the public URL', () => {
    const config = loadConfig({
      ...AUTH_ENV,
      IMG_PUBLIC_URL: 'https://img.example.com/',
      IMG_ALLOWED_EMAILS: ' Ada@Example.com , bob@example.org,ada@example.com ',
      IMG_ADMIN_EMAILS: 'ADA@example.com',
    });
    expect(config.publicUrl).toBe('https://img.example.com');
    expect(config.allowedEmails).toEqual(['ada@example.com', 'bob@example.org']);
    expect(config.adminEmails).toEqual(['ada@example.com']);
  });

  it('takes price overrides for every alias and size', () => {
    const config = loadConfig({
      IMG_AUTH_DISABLED: '1',
      IMG_COST_FLASH_512: '0.05',
      IMG_COST_FLASH_4K: '0.2',
      IMG_COST_PRO_1K: '0',
      IMG_COST_PRO_4K: '0.3',
      IMG_COST_LITE_1K: '0.02',
    });
    expect(config.priceOverrides).toEqual({
      flash: { '512': 0.05, '4K': 0.2 },
      pro: { '1K': 0, '4K': 0.3 },
      lite: { '1K': 0.02 },
    });
  });

  it('takes a model id for every alias', () => {
    const config = loadConfig({
      IMG_AUTH_DISABLED: '1',
      IMG_MODEL_FLASH: 'gemini-3.1-flash-image',
      IMG_MODEL_PRO: 'gemini-3-pro-image-preview',
      IMG_MODEL_LITE: 'gemini-3.1-flash-lite-image-preview',
    });
    expect(config.modelIds).toEqual({
      flash: 'gemini-3.1-flash-image',
      pro: 'gemini-3-pro-image-preview',
      lite: 'gemini-3.1-flash-lite-image-preview',
    });
  });
});

describe('configuration errors name the variable', () => {
  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number'],
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535'],
    ['IMG_PUBLIC_URL', 'img.example.com', 'IMG_PUBLIC_URL must be an http(s) URL'],
    ['IMG_PUBLIC_URL', 'https://example.com/images', 'IMG_PUBLIC_URL must be a bare origin'],
    ['IMG_GEMINI_TIMEOUT_S', '0', 'IMG_GEMINI_TIMEOUT_S must be a whole number from 1'],
    ['IMG_COST_FLASH_1K', '-1', 'IMG_COST_FLASH_1K must be a non-negative number'],
    ['IMG_COST_PRO_2K', 'cheap', 'IMG_COST_PRO_2K must be a non-negative number'],
    ['IMG_COST_PRO_4K', 'NaN', 'IMG_COST_PRO_4K must be a non-negative number'],
    ['IMG_COST_LITE_1K', '1e3', 'IMG_COST_LITE_1K must be a non-negative number'],
    ['IMG_MODEL_LITE', 'lite model', 'IMG_MODEL_LITE must be a Gemini model id'],
    ['IMG_AUTH_DISABLED', 'yes please', 'IMG_AUTH_DISABLED must be 1 or 0'],
    ['IMG_MODEL_PRO', 'Gemini Pro!', 'IMG_MODEL_PRO must be a Gemini model id'],
    ['GEMINI_BASE_URL', 'ftp://x', 'GEMINI_BASE_URL must be an http(s) URL'],
    ['IMG_ADMIN_EMAILS', 'ada', 'IMG_ADMIN_EMAILS must be comma-separated e-mail addresses'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['LOG_FORMAT', 'fancy', 'LOG_FORMAT must be one of json, pretty'],
    ['IMG_IMAGE_CACHE_MB', '1.5', 'IMG_IMAGE_CACHE_MB must be a whole number from 0 to 16384'],
    ['IMG_IMAGE_CACHE_MB', '99999', 'IMG_IMAGE_CACHE_MB must be a whole number from 0 to 16384'],
  ])('%s=%j is refused', (name, value, message) => {
    const problems = problemsOf({ ...AUTH_ENV, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('takes the image cache size in MiB, 0 turning it off', () => {
    expect(loadConfig({ IMG_AUTH_DISABLED: '1', IMG_IMAGE_CACHE_MB: '0' }).imageCacheBytes).toBe(0);
    expect(loadConfig({ IMG_AUTH_DISABLED: '1', IMG_IMAGE_CACHE_MB: '64' }).imageCacheBytes).toBe(
      64 * 2 ** 20,
    );
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ ...AUTH_ENV, PORT: 'x', IMG_COST_PRO_1K: 'y' })).toHaveLength(2);
  });
});

describe('auth start-up requirements (fail closed)', () => {
  it.each([
    ['GOOGLE_OAUTH_CLIENT_ID', 'GOOGLE_OAUTH_CLIENT_ID is required'],
    ['GOOGLE_OAUTH_CLIENT_SECRET', 'GOOGLE_OAUTH_CLIENT_SECRET is required'],
    ['IMG_ALLOWED_EMAILS', 'IMG_ALLOWED_EMAILS must list at least one e-mail'],
    ['IMG_JWT_SIGNING_KEY', 'IMG_JWT_SIGNING_KEY is required'],
  ])('refuses to start without %s', (name, message) => {
    const env: Record<string, string> = { ...AUTH_ENV };
    delete env[name];
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ['short', 'must be at least 32 characters'],
    ['change-me-change-me-change-me-change-me', 'is a placeholder'],
    ['a'.repeat(40), 'is a placeholder'],
  ])('refuses the weak signing key %j', (key, message) => {
    expect(signingKeyProblem(key)).toContain(message);
    expect(problemsOf({ ...AUTH_ENV, IMG_JWT_SIGNING_KEY: key })[0]).toContain('IMG_JWT_SIGNING_KEY');
  });

  it.each([
    ['IMG_PUBLIC_URL', 'http://img.example.com', 'IMG_PUBLIC_URL must be an https:// address'],
    ['IMG_PUBLIC_URL', 'http://192.168.1.20:8766', 'IMG_PUBLIC_URL must be an https:// address'],
    [
      'IMG_EXTRA_REDIRECT_URIS',
      'http://app.example.com/cb',
      'IMG_EXTRA_REDIRECT_URIS may hold only https://',
    ],
  ])('refuses plain-http %s=%s with auth on', (name, value, message) => {
    const problems = problemsOf({ ...AUTH_ENV, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ['IMG_PUBLIC_URL', 'https://img.example.com'],
    ['IMG_PUBLIC_URL', 'http://localhost:8766'],
    ['IMG_PUBLIC_URL', 'http://127.0.0.1:9000'],
    ['IMG_EXTRA_REDIRECT_URIS', 'https://app.example.com/cb,http://127.0.0.1:3000/cb'],
  ])('accepts %s=%s with auth on', (name, value) => {
    expect(() => loadConfig({ ...AUTH_ENV, [name]: value })).not.toThrow();
  });

  it('lets plain http through with auth off, for a LAN trial', () => {
    expect(loadConfig({ IMG_AUTH_DISABLED: '1', IMG_PUBLIC_URL: 'http://192.168.1.20:8766' }).publicUrl).toBe(
      'http://192.168.1.20:8766',
    );
  });

  it('accepts a strong key and starts', () => {
    expect(signingKeyProblem(STRONG_KEY)).toBeUndefined();
    expect(loadConfig(AUTH_ENV).authDisabled).toBe(false);
  });
});

describe('client sign-in additions', () => {
  it('reads operator redirect patterns and trusted metadata hosts', () => {
    const config = loadConfig({
      ...AUTH_ENV,
      IMG_EXTRA_REDIRECT_URIS: 'https://chat.example.org/oauth/clients/*,https://*.example.net/cb',
      IMG_CIMD_HOSTS: 'Clients.Example.org, agents.example.com',
    });
    expect(config.extraRedirectUris).toEqual([
      'https://chat.example.org/oauth/clients/*',
      'https://*.example.net/cb',
    ]);
    expect(config.cimdHosts).toEqual(['clients.example.org', 'agents.example.com']);
  });

  it.each([
    ['IMG_EXTRA_REDIRECT_URIS', 'https://*.com/cb', 'IMG_EXTRA_REDIRECT_URIS has an unsafe entry'],
    ['IMG_EXTRA_REDIRECT_URIS', 'https://example.com/*/cb', 'IMG_EXTRA_REDIRECT_URIS has an unsafe entry'],
    ['IMG_CIMD_HOSTS', 'https://clients.example.org/', 'IMG_CIMD_HOSTS must be comma-separated host names'],
    ['IMG_CIMD_HOSTS', '10.0.0.1', 'IMG_CIMD_HOSTS must be comma-separated host names'],
  ])('refuses %s=%s', (name, value, message) => {
    const problems = problemsOf({ ...AUTH_ENV, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('monthly budgets', () => {
  it('has no cap unless one is configured', () => {
    expect(loadConfig({ IMG_AUTH_DISABLED: '1' }).budgets).toEqual({ defaultUsd: undefined, perPerson: [] });
  });

  it('reads the default and per-person budgets, up, down and zero', () => {
    const config = loadConfig({
      IMG_AUTH_DISABLED: '1',
      IMG_BUDGET_USD: '5',
      IMG_BUDGETS: ' Ada@Example.com = 20 , bob@example.com=0.5,eve@example.com=0 ',
    });
    expect(config.budgets).toEqual({
      defaultUsd: 5,
      perPerson: [
        { email: 'ada@example.com', usd: 20 },
        { email: 'bob@example.com', usd: 0.5 },
        { email: 'eve@example.com', usd: 0 },
      ],
    });
  });

  it.each([
    [
      'IMG_BUDGET_USD',
      '-1',
      'IMG_BUDGET_USD must be a non-negative number of US dollars such as 5 (got "-1")',
    ],
    ['IMG_BUDGET_USD', 'ten', 'IMG_BUDGET_USD must be a non-negative number'],
    ['IMG_BUDGETS', 'ada@example.com', 'IMG_BUDGETS must be comma-separated email=amount pairs'],
    ['IMG_BUDGETS', 'ada@example.com=lots', '(bad: "ada@example.com=lots")'],
    ['IMG_BUDGETS', 'not-an-email=5', '(bad: "not-an-email=5")'],
    ['IMG_BUDGETS', '=5', '(bad: "=5")'],
    ['IMG_BUDGETS', 'ada@example.com=-2', 'IMG_BUDGETS must be comma-separated'],
    [
      'IMG_BUDGETS',
      'ada@example.com=1,ADA@example.com=2',
      'IMG_BUDGETS names each e-mail once (given more than once: ada@example.com)',
    ],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    const problems = problemsOf({ IMG_AUTH_DISABLED: '1', [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
