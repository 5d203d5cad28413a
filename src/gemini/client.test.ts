import { Writable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeGemini, type ScenarioName, startFakeGemini } from '../../test/fakes/gemini.js';
import { ALL_FAKE_MODEL_IDS } from '../../test/fakes/gemini-tables.js';
import { AppError } from '../errors.js';
import { createLogger } from '../log.js';
import { createGeminiClient, type GeminiClientOptions, type GenerateRequest } from './client.js';

const FLASH = { id: 'gemini-nano-banana-2.1', envVar: 'IMG_MODEL_FLASH' };
const LITE = { id: 'gemini-3.1-flash-lite-image', envVar: 'IMG_MODEL_LITE' };
/** The deprecated model an operator may still pin; the fake serves it only when told to. */
const NANO_BANANA_2 = { id: 'gemini-3.1-flash-image', envVar: 'IMG_MODEL_FLASH' };
const PRO = { id: 'gemini-3-pro-image', envVar: 'IMG_MODEL_PRO' };
const API_KEY = 'test-key-7f3a';

let fake: FakeGemini;
let logLines: string[];
let delays: number[];

beforeAll(async () => {
  fake = await startFakeGemini({ slowMs: 3000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  logLines = [];
  delays = [];
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function client(overrides: Partial<GeminiClientOptions> = {}) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  return createGeminiClient({
    apiKey: API_KEY,
    baseUrl: fake.url,
    timeoutMs: 20_000,
    logger: createLogger({ destination }),
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

const ask = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: FLASH,
  prompt: 'a lighthouse at dusk',
  aspectRatio: '16:9',
  imageSize: '1K',
  references: [],
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof AppError) return outcome;
  throw new Error(`expected an AppError, got ${String(outcome)}`);
}

describe('createGeminiClient — success', () => {
  it.each([
    [FLASH, '4:1', '1K', 2048, 512, 1120],
    [FLASH, '1:1', '4K', 4096, 4096, 3780],
    [LITE, '1:8', '1K', 384, 3072, 1120],
    [NANO_BANANA_2, '4:1', '512', 1024, 256, 747],
    [PRO, '16:9', '2K', 2752, 1536, 1120],
  ])('generates with $id at %s %s and returns the final image', async (model, ratio, size, w, h, tokens) => {
    fake.setKnownModels(ALL_FAKE_MODEL_IDS);
    const result = await client().generate(ask({ model, aspectRatio: ratio, imageSize: size }));
    const meta = await sharp(result.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', w, h]);
    expect(result.declaredMime).toBe('image/jpeg');
    expect(result.usage.imageOutputTokens).toBe(tokens);
    expect(result.modelVersion).toBe(model.id);
    expect(result.responseId).toEqual(expect.any(String));
    expect(result.text).toMatch(/synthetic picture/);
    expect(result.attempts).toBe(1);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends exactly the documented generateContent request: v1beta, role user, text then references with their true types', async () => {
    const png = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    const jpeg = await sharp(png).jpeg().toBuffer();
    const references = [
      { bytes: png, mime: 'image/png' },
      { bytes: jpeg, mime: 'image/jpeg' },
    ];
    await client().generate(ask({ model: PRO, aspectRatio: '3:4', imageSize: '4K', references }));
    expect(fake.requests).toHaveLength(1);
    const [recorded] = fake.requests;
    expect(recorded?.path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
    expect(recorded?.headers['x-goog-api-key']).toBe(API_KEY);
    expect(recorded?.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'a lighthouse at dusk' },
            { inlineData: { mimeType: 'image/png', data: png.toString('base64') } },
            { inlineData: { mimeType: 'image/jpeg', data: jpeg.toString('base64') } },
          ],
        },
      ],
      generationConfig: {
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '3:4', imageSize: '4K' },
      },
    });
  });

  it('returns the final image, not the thought draft that came before it', async () => {
    fake.setScenario('ok_with_thoughts');
    const result = await client().generate(ask({ aspectRatio: '1:1' }));
    const [meta, stats] = await Promise.all([sharp(result.bytes).metadata(), sharp(result.bytes).stats()]);
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
    expect(stats.dominant.b).toBeGreaterThan(stats.dominant.r);
    expect(result.text).not.toMatch(/Sketching/);
  });

  it('takes the last of two result images', async () => {
    fake.setScenario('ok_two_images');
    const result = await client().generate(ask({ aspectRatio: '1:1' }));
    const { dominant } = await sharp(result.bytes).stats();
    expect(dominant.b).toBeGreaterThan(dominant.r);
    expect(result.usage.imageOutputTokens).toBe(2240);
  });

  it('reads a response as large as a real 4K image', async () => {
    fake.setScenario('huge');
    const result = await client().generate(ask({ aspectRatio: '1:1' }));
    expect(result.bytes.length).toBeGreaterThan(4_000_000);
    expect((await sharp(result.bytes).metadata()).width).toBe(4096);
  });

  it('keeps a mislabelled MIME type as declared so the caller can sniff the bytes', async () => {
    fake.setScenario('ok_mislabelled');
    const result = await client().generate(ask());
    expect(result.declaredMime).toBe('image/png');
    expect([...result.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('uses the explicit key and base URL even when Google env vars point elsewhere', async () => {
    vi.stubEnv('GOOGLE_API_KEY', 'env-key-must-not-be-used');
    vi.stubEnv('GEMINI_API_KEY', 'env-key-must-not-be-used');
    vi.stubEnv('GOOGLE_GEMINI_BASE_URL', 'http://127.0.0.1:9');
    vi.stubEnv('GOOGLE_GENAI_USE_VERTEXAI', 'true');
    await client().generate(ask());
    expect(fake.requests.map((r) => r.headers['x-goog-api-key'])).toEqual([API_KEY]);
  });
});

describe('createGeminiClient — retries', () => {
  it('retries a 503 and succeeds on the second request, logging one line without the key', async () => {
    fake.queueScenarios(['503', 'ok']);
    const attempts: number[] = [];
    const result = await client().generate(ask({ onAttempt: (n) => attempts.push(n) }));
    expect(fake.requests).toHaveLength(2);
    expect([result.attempts, attempts]).toEqual([2, [1, 2]]);
    expect(delays).toEqual([750]);
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0] ?? '{}')).toMatchObject({
      event: 'gemini_retry',
      httpStatus: 503,
      delayMs: 750,
    });
    expect(logLines.join('')).not.toContain(API_KEY);
  });

  it('waits the 2 s Google asks for in RetryInfo before retrying a per-minute quota', async () => {
    fake.queueScenarios(['429_quota_minute', 'ok']);
    const result = await client().generate(ask());
    expect(delays).toEqual([2000]);
    expect(result.attempts).toBe(2);
  });

  it('does not retry a daily quota', async () => {
    fake.setScenario('429_quota_day');
    const error = await failureOf(client().generate(ask()));
    expect(fake.requests).toHaveLength(1);
    expect(error.code).toBe('gemini_quota');
    expect(error.message).toMatch(/used up for today.*resets daily/s);
  });

  it('gives up after three attempts on an HTML 502 and reports Gemini as unavailable', async () => {
    fake.setScenario('html_502');
    const error = await failureOf(client().generate(ask()));
    expect(fake.requests).toHaveLength(3);
    expect(delays).toEqual([750, 1500]);
    expect(error.code).toBe('gemini_unavailable');
    expect(error.message).toMatch(/HTTP 502/);
  });

  it.each<[ScenarioName, string, number]>([
    ['text_only', 'gemini_no_image', 1],
    ['image_safety', 'gemini_blocked', 1],
    ['image_prohibited', 'gemini_blocked', 1],
    ['image_recitation', 'gemini_no_image', 1],
    ['no_image', 'gemini_no_image', 1],
    ['image_other', 'gemini_no_image', 1],
    ['prompt_blocked', 'gemini_blocked', 1],
    ['empty_candidates', 'gemini_no_image', 1],
    ['empty_object', 'gemini_no_image', 1],
    ['400_generic', 'gemini_bad_request', 1],
    ['403', 'gemini_auth', 1],
    ['404', 'gemini_model_retired', 1],
    ['malformed_json', 'gemini_unavailable', 1],
    ['429_bare', 'gemini_quota', 3],
    ['500', 'gemini_unavailable', 3],
    ['503', 'gemini_overloaded', 3],
    ['504', 'gemini_unavailable', 3],
  ])('answers the %s scenario with %s after %i request(s)', async (scenario, code, requests) => {
    fake.setScenario(scenario);
    const error = await failureOf(client().generate(ask()));
    expect(error.code).toBe(code);
    expect(fake.requests).toHaveLength(requests);
  });
});

describe('createGeminiClient — failures', () => {
  it('names the env var to set when the model is retired (404)', async () => {
    fake.setKnownModels(['gemini-3-pro-image']);
    const error = await failureOf(client().generate(ask()));
    expect(fake.requests).toHaveLength(1);
    expect(error.code).toBe('gemini_model_retired');
    expect(error.message).toMatch(/"gemini-nano-banana-2.1".*set IMG_MODEL_FLASH/s);
  });

  it('tells the operator who pinned Nano Banana 2 after its shutdown to change IMG_MODEL_FLASH', async () => {
    const error = await failureOf(client().generate(ask({ model: NANO_BANANA_2 })));
    expect(error.code).toBe('gemini_model_retired');
    expect(error.message).toMatch(/"gemini-3.1-flash-image".*set IMG_MODEL_FLASH/s);
  });

  it('times out a slow answer at the overall budget', async () => {
    fake.setScenario('slow');
    const started = Date.now();
    const error = await failureOf(client({ timeoutMs: 300, sleep: undefined }).generate(ask()));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('gemini_timeout');
    expect(error.message).toMatch(/did not finish within 300 ms/);
  });

  it('stops when the caller aborts and keeps the reason the caller gave', async () => {
    fake.setScenario('slow');
    const controller = new AbortController();
    const pending = client().generate(ask({ signal: controller.signal }));
    setTimeout(() => controller.abort(new AppError('shutting_down', 'The server is shutting down.')), 100);
    const error = await failureOf(pending);
    expect([error.code, error.message]).toEqual(['shutting_down', 'The server is shutting down.']);
  });

  it('reports a rejected API key as an auth problem of the operator', async () => {
    const error = await failureOf(client({ apiKey: 'bad-key' }).generate(ask()));
    expect(error.code).toBe('gemini_auth');
    expect(error.message).toMatch(/GEMINI_API_KEY is missing or invalid/);
  });

  it.each([undefined, '', '   '])('refuses to call Gemini without an API key (%j)', async (apiKey) => {
    const error = await failureOf(client({ apiKey }).generate(ask()));
    expect(error.code).toBe('gemini_auth');
    expect(error.message).toBe(
      'No Gemini API key is configured; the operator must set GEMINI_API_KEY and restart the server.',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('reports an unreachable server as unavailable after retrying', async () => {
    const error = await failureOf(client({ baseUrl: 'http://127.0.0.1:9' }).generate(ask()));
    expect(error.code).toBe('gemini_unavailable');
    expect(error.message).toMatch(/Could not reach Gemini/);
    expect(delays).toHaveLength(2);
  });
});
