import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from './gemini.js';
import { ALL_FAKE_MODEL_IDS } from './gemini-tables.js';

let fake: FakeGemini;
let png256: string;
let jpeg256: string;
let png8: string;

beforeAll(async () => {
  fake = await startFakeGemini({ slowMs: 300, quotaRetryDelaySeconds: 1.5 });
  const solid = (size: number) =>
    sharp({ create: { width: size, height: size, channels: 3, background: '#4a7' } });
  png256 = (await solid(256).png().toBuffer()).toString('base64');
  jpeg256 = (await solid(256).jpeg().toBuffer()).toString('base64');
  png8 = (await solid(8).png().toBuffer()).toString('base64');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface CallOptions {
  model?: string;
  version?: string;
  key?: string | null;
  query?: string;
  method?: string;
}

async function call(body: unknown, options: CallOptions = {}) {
  const { model = 'gemini-nano-banana-2.1', version = 'v1beta', key = 'test-key', query = '' } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-goog-api-key'] = key;
  const response = await fetch(`${fake.url}/${version}/models/${model}:generateContent${query}`, {
    method: options.method ?? 'POST',
    headers,
    ...(options.method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

const request = (prompt: string, imageConfig: Record<string, unknown> = {}, extraParts: unknown[] = []) => ({
  contents: [{ role: 'user', parts: [{ text: prompt }, ...extraParts] }],
  generationConfig: { responseModalities: ['TEXT', 'IMAGE'], imageConfig },
});
const inline = (mimeType: string, data: string) => ({ inlineData: { mimeType, data } });

/** Reads the last image part of a success body with a minimal structural walk. */
function imagesOf(json: unknown): { mimeType: string; bytes: Buffer; thought: boolean }[] {
  const body = JSON.stringify(json);
  const parsed: { candidates: { content: { parts: Record<string, unknown>[] } }[] } = JSON.parse(body);
  return (parsed.candidates[0]?.content.parts ?? []).flatMap((part) => {
    const data = part.inlineData;
    if (typeof data !== 'object' || data === null) return [];
    const { mimeType, data: b64 } = Object.fromEntries(Object.entries(data));
    return [
      {
        mimeType: String(mimeType),
        bytes: Buffer.from(String(b64), 'base64'),
        thought: part.thought === true,
      },
    ];
  });
}

const errorMessage = (json: unknown) => JSON.stringify(json);

describe('fake Gemini — routing and keys', () => {
  it('answers an unknown route with a 404 in Google’s envelope and JSON content type', async () => {
    const result = await call(request('x'), { version: 'v2' });
    expect(result.status).toBe(404);
    expect(result.contentType).toBe('application/json; charset=UTF-8');
    expect(result.json).toEqual({ error: { code: 404, message: 'Method not found.', status: 'NOT_FOUND' } });
  });

  it('records the API version, model, headers and body of every request', async () => {
    const result = await call(request('a fox'), { version: 'v1', model: 'gemini-3-pro-image' });
    expect(result.status).toBe(200);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      version: 'v1',
      model: 'gemini-3-pro-image',
      scenario: 'ok',
      status: 200,
      body: request('a fox'),
    });
    expect(fake.requests[0]?.headers['x-goog-api-key']).toBe('test-key');
  });

  it.each([
    ['no key at all', { key: null }, 403, /unregistered callers/],
    ['the bad key', { key: 'bad-key' }, 400, /API_KEY_INVALID/],
    [
      'an unknown model',
      { model: 'gemini-9-image' },
      404,
      /models\/gemini-9-image is not found for API version v1beta/,
    ],
  ])('refuses %s', async (_name, options: CallOptions, status, message) => {
    const result = await call(request('x'), options);
    expect(result.status).toBe(status);
    expect(errorMessage(result.json)).toMatch(message);
  });

  it('accepts the key as a ?key= query parameter', async () => {
    expect((await call(request('x'), { key: null, query: '?key=abc' })).status).toBe(200);
  });

  it('answers 404 for Nano Banana 2, which Google shut down, unless a test brings it back', async () => {
    const retired = await call(request('x'), { model: 'gemini-3.1-flash-image' });
    expect(retired.status).toBe(404);
    expect(errorMessage(retired.json)).toMatch(
      /models\/gemini-3.1-flash-image is not found for API version v1beta/,
    );
    fake.setKnownModels(ALL_FAKE_MODEL_IDS);
    expect((await call(request('x'), { model: 'gemini-3.1-flash-image' })).status).toBe(200);
  });

  it('can retire a model while running', async () => {
    fake.setKnownModels(['gemini-3-pro-image']);
    const result = await call(request('x'), { model: 'gemini-nano-banana-2.1' });
    expect(result.status).toBe(404);
    expect(errorMessage(result.json)).toMatch(/gemini-nano-banana-2.1 is not found/);
  });
});

describe('fake Gemini — request validation', () => {
  const base = request('x');
  it.each([
    ['not JSON', '{oops', /Invalid JSON payload received/],
    ['an unknown top-level field', { ...base, foo: 1 }, /Unknown name \\"foo\\": Cannot find field/],
    [
      'an unknown image_config field',
      request('x', { outputMimeType: 'image/png' }),
      /Unknown name \\"outputMimeType\\" at 'generation_config.image_config'/,
    ],
    [
      'thinkingLevel in the wrong place',
      { ...base, generationConfig: { ...base.generationConfig, thinkingLevel: 'low' } },
      /Unknown name \\"thinkingLevel\\" at 'generation_config'/,
    ],
    [
      'an unknown field inside a part',
      {
        contents: [{ role: 'user', parts: [{ text: 'x', colour: 'red' }] }],
        generationConfig: base.generationConfig,
      },
      /Unknown name \\"colour\\" at 'contents\[0\].parts\[0\]'/,
    ],
    ['missing contents', { generationConfig: base.generationConfig }, /contents is not specified/],
    ['missing responseModalities', { contents: base.contents }, /response_modalities must include IMAGE/],
    ['a lower-case size', request('x', { imageSize: '1k' }), /image_size must be one of '1K', '2K', or '4K'/],
    ['a made-up size', request('x', { imageSize: '512px' }), /image_size must be one of/],
    ['a made-up ratio', request('x', { aspectRatio: '7:3' }), /aspect_ratio must be one of '1:1', '1:4'/],
    ['a wrong type', { ...base, contents: 'hello' }, /Invalid value at 'contents'/],
  ])('refuses %s with a Google-style 400', async (_name, body, message) => {
    const result = await call(body);
    expect(result.status).toBe(400);
    expect(result.text).toMatch(message);
  });

  it.each([
    ['8:1', '1K', /aspect_ratio must be one of '1:1', '2:3', .*or '21:9'/],
    ['1:1', '512', /image_size must be one of '1K', '2K', or '4K'/],
  ])('refuses %s at %s on a Pro id', async (aspectRatio, imageSize, message) => {
    const result = await call(request('x', { aspectRatio, imageSize }), {
      model: 'gemini-3-pro-image-preview',
    });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(message);
  });

  it('refuses 512 on Nano Banana 2.1, which has no 512 tier', async () => {
    const result = await call(request('x', { imageSize: '512' }), { model: 'gemini-nano-banana-2.1' });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/image_size must be one of '1K', '2K', or '4K'/);
  });

  it.each(['512', '2K', '4K'])('refuses %s on Nano Banana 2 Lite, which makes 1K only', async (size) => {
    const result = await call(request('x', { imageSize: size }), { model: 'gemini-3.1-flash-lite-image' });
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/image_size must be '1K'\./);
  });

  it('accepts 512 on Nano Banana 2 for an operator who still has it', async () => {
    fake.setKnownModels(ALL_FAKE_MODEL_IDS);
    const result = await call(request('x', { imageSize: '512' }), { model: 'gemini-3.1-flash-image' });
    expect(result.status).toBe(200);
  });

  it('accepts snake_case field names as the proto JSON mapping allows', async () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'x' }, { inline_data: { mime_type: 'image/png', data: png256 } }] },
      ],
      generation_config: { response_modalities: ['TEXT', 'IMAGE'], image_config: { image_size: '2K' } },
    };
    const result = await call(body);
    expect(result.status).toBe(200);
  });

  it.each([
    ['an unsupported type', () => inline('image/gif', png256), /Unsupported MIME type: image\/gif/],
    [
      'JPEG bytes labelled PNG',
      () => inline('image/png', jpeg256),
      /Unhandled generated data mime type: image\/jpeg/,
    ],
    [
      'bytes that are no image',
      () => inline('image/png', Buffer.from('hello').toString('base64')),
      /Unable to process/,
    ],
    ['a tiny 8×8 image', () => inline('image/png', png8), /Unable to process input image/],
    ['data that is not base64', () => inline('image/png', '***'), /Base64 decoding failed/],
  ])('refuses a reference image with %s', async (_name, part, message) => {
    const result = await call(request('x', {}, [part()]));
    expect(result.status).toBe(400);
    expect(result.text).toMatch(message);
  });

  it('accepts 14 reference images and refuses 15', async () => {
    const parts = (n: number) => Array.from({ length: n }, () => inline('image/jpeg', jpeg256));
    expect((await call(request('x', {}, parts(14)))).status).toBe(200);
    const refused = await call(request('x', {}, parts(15)));
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/at most 14 inline images/);
  });

  it('refuses a request body over the inline limit', async () => {
    const small = await startFakeGemini({ maxBodyBytes: 1000 });
    try {
      const response = await fetch(`${small.url}/v1beta/models/gemini-3-pro-image:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': 'k' },
        body: JSON.stringify(request('x'.repeat(2000))),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Request payload size exceeds the limit: 1000 bytes/);
    } finally {
      await small.close();
    }
  });
});

describe('fake Gemini — successful answers', () => {
  it.each([
    ['gemini-nano-banana-2.1', '1:1', '1K', 1024, 1024, 1120],
    ['gemini-nano-banana-2.1', '16:9', '2K', 2752, 1536, 1680],
    ['gemini-nano-banana-2.1', '1:1', '4K', 4096, 4096, 3780],
    ['gemini-3.1-flash-lite-image', '8:1', '1K', 3072, 384, 1120],
    ['gemini-3.1-flash-image', '1:1', '512', 512, 512, 747],
    ['gemini-3.1-flash-image', '21:9', '512', 792, 168, 747],
    ['gemini-3.1-flash-image-preview', '9:16', '2K', 1536, 2752, 1680],
    ['gemini-3.1-flash-image', '8:1', '4K', 12288, 1536, 2520],
    ['gemini-3-pro-image', '16:9', '2K', 2752, 1536, 1120],
    ['gemini-3-pro-image', '3:4', '4K', 3584, 4800, 2000],
  ])(
    '%s at %s %s returns a %i×%i JPEG billed at %i image tokens',
    async (model, ratio, size, w, h, tokens) => {
      fake.setKnownModels(ALL_FAKE_MODEL_IDS);
      const result = await call(request('a lighthouse', { aspectRatio: ratio, imageSize: size }), { model });
      expect(result.status).toBe(200);
      const [image] = imagesOf(result.json);
      expect(image?.mimeType).toBe('image/jpeg');
      const meta = await sharp(image?.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', w, h]);
      expect(result.json).toMatchObject({
        candidates: [{ finishReason: 'STOP', index: 0 }],
        usageMetadata: {
          candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: tokens }],
          serviceTier: 'standard',
        },
        modelVersion: model,
      });
    },
  );

  it('signs the leading text and the image part and itemises reference images in the prompt usage', async () => {
    const result = await call(
      request('a lighthouse', {}, [inline('image/png', png256), inline('image/jpeg', jpeg256)]),
    );
    const body = JSON.parse(result.text);
    const parts = body.candidates[0].content.parts;
    expect(parts.map((p: { thoughtSignature?: string }) => typeof p.thoughtSignature)).toEqual([
      'string',
      'string',
    ]);
    const usage = body.usageMetadata;
    expect(usage.promptTokensDetails).toContainEqual({ modality: 'IMAGE', tokenCount: 516 });
    expect(usage.candidatesTokenCount).toBeGreaterThan(1120);
    expect(usage.totalTokenCount).toBe(
      usage.promptTokenCount + usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0),
    );
    expect(body.responseId).toMatch(/^[\w-]{10,}$/);
  });

  it.each([
    ['ok_png', 'image/png', 'png'],
    ['ok_mislabelled', 'image/png', 'jpeg'],
  ])('scenario %s declares %s and sends %s bytes', async (scenario, declared, format) => {
    const result = await call(request(`[scenario:${scenario}] a boat`));
    const [image] = imagesOf(result.json);
    expect(image?.mimeType).toBe(declared);
    expect((await sharp(image?.bytes).metadata()).format).toBe(format);
  });

  it('puts a differently coloured thought draft before the final image', async () => {
    fake.setScenario('ok_with_thoughts');
    const images = imagesOf((await call(request('a boat'))).json);
    expect(images.map((i) => i.thought)).toEqual([true, false]);
    const [draft, final] = await Promise.all(images.map((i) => sharp(i.bytes).stats()));
    expect(draft?.dominant.r).toBeGreaterThan(150);
    expect(final?.dominant.b).toBeGreaterThan(final?.dominant.r ?? 255);
  });
});

describe('fake Gemini — scenarios', () => {
  it('uses queued scenarios first, one per request, then the prompt keyword, then the set scenario', async () => {
    fake.setScenario('text_only');
    fake.queueScenarios(['503', '429_quota_minute']);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call(request(i === 2 ? '[scenario:500] x' : 'x'))).status);
    expect(statuses).toEqual([503, 429, 500, 200]);
    expect(fake.requests.map((r) => r.scenario)).toEqual(['503', '429_quota_minute', '500', 'text_only']);
  });

  it('refuses an unknown scenario keyword', async () => {
    const result = await call(request('[scenario:nope] x'));
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/no scenario named 'nope'\. Known: ok, ok_png/);
  });

  it('sends the configured RetryInfo delay on a per-minute quota and limit: 0 on a daily one', async () => {
    fake.queueScenarios(['429_quota_minute', '429_quota_day']);
    const minute = await call(request('x'));
    expect(minute.text).toContain('"retryDelay": "1.5s"');
    expect(minute.text).toContain('PerMinute');
    const day = await call(request('x'));
    expect(day.text).toMatch(/limit: 0.*PerDay/s);
  });

  it.each([
    [
      'image_recitation',
      { candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'IMAGE_RECITATION' }] },
    ],
    ['prompt_blocked', { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }],
    ['empty_candidates', { candidates: [] }],
    ['image_safety', { candidates: [{ finishReason: 'IMAGE_SAFETY' }] }],
  ])('answers %s with a 200 that carries no image', async (scenario, shape) => {
    const result = await call(request(`[scenario:${scenario}] x`));
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject(shape);
    expect(result.text).not.toContain('inlineData');
  });

  it('answers html_502 with an HTML page and malformed_json with broken JSON', async () => {
    const html = await call(request('[scenario:html_502] x'));
    expect([html.status, html.contentType]).toEqual([502, 'text/html; charset=UTF-8']);
    const broken = await call(request('[scenario:malformed_json] x'));
    expect([broken.status, broken.json]).toEqual([200, undefined]);
  });

  it('waits the configured time in the slow scenario', async () => {
    const started = Date.now();
    expect((await call(request('[scenario:slow] x'))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('sends a payload the size of a real 4K image in the huge scenario', async () => {
    const result = await call(request('[scenario:huge] x', { imageSize: '1K' }));
    const [image] = imagesOf(result.json);
    expect((await sharp(image?.bytes).metadata()).width).toBe(4096);
    expect(result.text.length).toBeGreaterThan(5_000_000);
  });
});
