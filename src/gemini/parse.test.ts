import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { parseGenerateResponse } from './parse.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const image = (data: string, mimeType = 'image/jpeg', extra: Record<string, unknown> = {}) => ({
  inlineData: { mimeType, data: b64(data) },
  thoughtSignature: 'c2ln',
  ...extra,
});
const respond = (
  parts: unknown[] | undefined,
  finishReason = 'STOP',
  extra: Record<string, unknown> = {},
) => ({
  candidates: [
    { ...(parts === undefined ? {} : { content: { role: 'model', parts } }), finishReason, index: 0 },
  ],
  ...extra,
});

function failureOf(response: unknown): AppError {
  try {
    parseGenerateResponse(response);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the parser to throw');
}

describe('parseGenerateResponse — images', () => {
  it('returns the image bytes, declared type, text, usage and ids of a normal answer', () => {
    const result = parseGenerateResponse(
      respond([{ text: 'Here you go.', thoughtSignature: 'x' }, image('final')], 'STOP', {
        usageMetadata: {
          promptTokenCount: 9,
          candidatesTokenCount: 1466,
          thoughtsTokenCount: 337,
          totalTokenCount: 1812,
          candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1120 }],
          serviceTier: 'standard',
        },
        modelVersion: 'gemini-3.1-flash-image',
        responseId: 'abc',
      }),
    );
    expect(result).toEqual({
      kind: 'image',
      bytes: Buffer.from('final'),
      declaredMime: 'image/jpeg',
      text: 'Here you go.',
      usage: {
        promptTokenCount: 9,
        candidatesTokenCount: 1466,
        thoughtsTokenCount: 337,
        totalTokenCount: 1812,
        imageOutputTokens: 1120,
      },
      modelVersion: 'gemini-3.1-flash-image',
      responseId: 'abc',
    });
  });

  it('skips thought parts and takes the last non-thought image', () => {
    const result = parseGenerateResponse(
      respond([
        { text: 'planning', thought: true },
        image('draft', 'image/jpeg', { thought: true, thoughtSignature: undefined }),
        image('first'),
        { text: 'and another' },
        image('last', 'image/png'),
        image('late draft', 'image/jpeg', { thought: true }),
      ]),
    );
    expect(result.bytes.toString()).toBe('last');
    expect(result.declaredMime).toBe('image/png');
    expect(result.text).toBe('and another');
  });

  it('keeps the declared MIME type even when the bytes say otherwise (the caller sniffs)', () => {
    const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('latin1');
    expect(parseGenerateResponse(respond([image(jpegBytes, 'image/png')])).declaredMime).toBe('image/png');
  });

  it('sums IMAGE tokens over several entries and leaves them undefined when not itemised', () => {
    const details = [
      { modality: 'IMAGE', tokenCount: 1120 },
      { modality: 'TEXT', tokenCount: 40 },
      { modality: 'IMAGE', tokenCount: 1120 },
    ];
    const summed = parseGenerateResponse(
      respond([image('x')], 'STOP', { usageMetadata: { candidatesTokensDetails: details } }),
    );
    expect(summed.usage.imageOutputTokens).toBe(2240);
    expect(parseGenerateResponse(respond([image('x')])).usage.imageOutputTokens).toBeUndefined();
  });

  it('ignores unknown fields and accepts an SDK-style object with extra properties', () => {
    const result = parseGenerateResponse({
      ...respond([image('x')], 'STOP', {
        sdkHttpResponse: { headers: {} },
        automaticFunctionCallingHistory: [],
      }),
      futureField: { nested: true },
    });
    expect(result.bytes.toString()).toBe('x');
  });
});

describe('parseGenerateResponse — refusals', () => {
  it.each([
    ['SAFETY', /safety filter/],
    ['PROHIBITED_CONTENT', /prohibits/],
    ['BLOCKLIST', /block list/],
    ['OTHER', /no reason/],
    ['IMAGE_SAFETY', /image safety filter/],
  ])('reports a prompt blocked for %s as gemini_blocked', (reason, words) => {
    const error = failureOf({
      promptFeedback: { blockReason: reason },
      usageMetadata: { promptTokenCount: 17 },
    });
    expect(error.code).toBe('gemini_blocked');
    expect(error.message).toMatch(words);
    expect(error.message).toContain(`(${reason})`);
    expect(error.message).toMatch(/Change the prompt/);
    expect(error.details).toEqual({ blockReason: reason });
  });

  it.each([
    ['IMAGE_SAFETY', /image safety filter withheld/],
    ['IMAGE_PROHIBITED_CONTENT', /picture would show content Google prohibits/],
    ['SAFETY', /safety filter stopped/],
    ['PROHIBITED_CONTENT', /prohibits/],
    ['BLOCKLIST', /block list/],
    ['SPII', /sensitive personal information/],
  ])('reports finishReason %s as gemini_blocked with the reason in plain words', (reason, words) => {
    const error = failureOf(respond([{ text: "I can't create that image." }], reason));
    expect(error.code).toBe('gemini_blocked');
    expect(error.message).toMatch(words);
    expect(error.message).toContain(`(${reason})`);
    expect(error.message).toContain('Gemini said: "I can\'t create that image."');
  });

  it('treats a blocking finish reason as blocked even when an image part came along', () => {
    expect(failureOf(respond([image('x')], 'IMAGE_SAFETY')).code).toBe('gemini_blocked');
  });
});

describe('parseGenerateResponse — no image', () => {
  it.each([
    [
      'text-only STOP',
      respond([{ text: 'Which style do you want?' }]),
      /answered with text instead/,
      'Which style',
    ],
    ['NO_IMAGE', respond(undefined, 'NO_IMAGE'), /without producing a picture \(NO_IMAGE\)/, undefined],
    [
      'IMAGE_RECITATION with empty parts',
      respond([], 'IMAGE_RECITATION'),
      /resembled existing material/,
      undefined,
    ],
    ['RECITATION', respond([], 'RECITATION'), /resembled existing material/, undefined],
    ['IMAGE_OTHER', respond(undefined, 'IMAGE_OTHER'), /gave no reason \(IMAGE_OTHER\)/, undefined],
    [
      'MAX_TOKENS with text',
      respond([{ text: 'Long story' }], 'MAX_TOKENS'),
      /ran out of output space/,
      'Long story',
    ],
    [
      'an unknown finish reason',
      respond([], 'LANGUAGE'),
      /stopped \(LANGUAGE\) without producing/,
      undefined,
    ],
    ['STOP with nothing at all', respond([]), /neither a picture nor any text/, undefined],
    [
      'only thought parts',
      respond([image('d', 'image/jpeg', { thought: true })]),
      /neither a picture/,
      undefined,
    ],
    ['empty candidates', { candidates: [] }, /empty answer with no candidates/, undefined],
    ['an empty object', {}, /empty answer with no candidates/, undefined],
    [
      'an image part with no data',
      respond([{ inlineData: { mimeType: 'image/png', data: '' } }]),
      /neither/,
      undefined,
    ],
  ])('reports %s as gemini_no_image with a rephrase hint', (_name, response, words, text) => {
    const error = failureOf(response);
    expect(error.code).toBe('gemini_no_image');
    expect(error.message).toMatch(words);
    expect(error.message).toMatch(/rephrase the prompt/);
    if (text === undefined) expect(error.message).not.toContain('Gemini said');
    else expect(error.message).toContain(`Gemini said: "${text}`);
  });

  it('does not mistake a thought draft for the result when the final image is missing', () => {
    const error = failureOf(
      respond(
        [{ text: 'thinking', thought: true }, image('draft', 'image/jpeg', { thought: true })],
        'NO_IMAGE',
      ),
    );
    expect(error.code).toBe('gemini_no_image');
    expect(error.message).not.toContain('thinking');
  });

  it.each([
    ['a string', 'not a response'],
    ['candidates that are not a list', { candidates: 'x' }],
  ])('reports %s as an unreadable reply', (_name, response) => {
    const error = failureOf(response);
    expect(error.code).toBe('gemini_unavailable');
    expect(error.message).toMatch(/cannot read/);
  });
});
