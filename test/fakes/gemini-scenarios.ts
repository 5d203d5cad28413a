// Every behaviour the fake Gemini can put on, by name. A scenario turns a validated request into the
// exact reply (status, content type, body text) Google would send in that situation: successes with
// JPEG/PNG/mislabelled/thought images, the "200 but no image" family, and every error class of §1.7.
import { type FakeAnswer, googleError, modelNotFound, quotaExceeded } from './gemini-envelopes.js';
import { captionOf, type Palette, renderSynthetic } from './gemini-image.js';
import {
  candidateResponse,
  imagePart,
  type Part,
  promptOnlyUsage,
  type ResponseContext,
  responseId,
  textPart,
  usageMetadata,
} from './gemini-response.js';
import { pixelSize } from './gemini-tables.js';

export const SCENARIOS = [
  'ok',
  'ok_png',
  'ok_mislabelled',
  'ok_with_thoughts',
  'ok_two_images',
  'ok_truncated',
  'text_only',
  'image_safety',
  'image_prohibited',
  'image_recitation',
  'no_image',
  'image_other',
  'prompt_blocked',
  'empty_candidates',
  'empty_object',
  '400_generic',
  '403',
  '404',
  '429_quota_minute',
  '429_quota_day',
  '429_bare',
  '500',
  '503',
  '504',
  'slow',
  'malformed_json',
  'html_502',
  'huge',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(value);
}

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

export interface ScenarioContext extends ResponseContext {
  version: string;
  quotaRetryDelaySeconds: number;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export function jsonReply(answer: FakeAnswer): Reply {
  return { status: answer.status, contentType: JSON_TYPE, body: JSON.stringify(answer.body, null, 2) };
}

const ok = (body: unknown): Reply => jsonReply({ status: 200, body });

const HTML_502 =
  '<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>Error 502 (Server Error)!!1</title>' +
  '<p><b>502.</b> <ins>That is an error.</ins><p>The server hit a temporary problem and could not finish ' +
  'your request. Please try again in 30 seconds. <ins>That is all we know.</ins></html>\n';

const ERROR_REPLIES: Partial<Record<ScenarioName, (ctx: ScenarioContext) => Reply>> = {
  '400_generic': () => jsonReply(googleError(400, 'Request contains an invalid argument.')),
  '403': () =>
    jsonReply(
      googleError(
        403,
        'Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent are blocked.',
      ),
    ),
  '404': (ctx) => jsonReply(modelNotFound(ctx.model, ctx.version)),
  '429_quota_minute': (ctx) => jsonReply(quotaExceeded({ ...quotaArgs(ctx), daily: false })),
  '429_quota_day': (ctx) => jsonReply(quotaExceeded({ ...quotaArgs(ctx), daily: true })),
  '429_bare': () => jsonReply(googleError(429, 'Resource has been exhausted (e.g. check quota).')),
  '500': () =>
    jsonReply(
      googleError(
        500,
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
    ),
  '503': () =>
    jsonReply(
      googleError(
        503,
        'This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later.',
      ),
    ),
  '504': () => jsonReply(googleError(504, 'Deadline expired before operation could complete.')),
  html_502: () => ({ status: 502, contentType: 'text/html; charset=UTF-8', body: HTML_502 }),
  malformed_json: () => ({
    status: 200,
    contentType: JSON_TYPE,
    body: '{\n  "candidates": [\n    {\n      "content": {\n        "role": "model",\n        "parts": [{"text": "Here is',
  }),
};

const quotaArgs = (ctx: ScenarioContext) => ({
  model: ctx.model,
  retryDelaySeconds: ctx.quotaRetryDelaySeconds,
});

const NO_IMAGE_REPLIES: Partial<Record<ScenarioName, (ctx: ScenarioContext) => Reply>> = {
  text_only: (ctx) =>
    ok(
      candidateResponse(ctx, {
        parts: [textPart('Happy to help! Which style would you like: photo, watercolour or line art?', true)],
        finishReason: 'STOP',
        usage: { ...promptOnlyUsage(ctx), candidatesTokenCount: 19 },
      }),
    ),
  image_safety: (ctx) =>
    ok(
      candidateResponse(ctx, {
        parts: [textPart("I can't create that image.", false)],
        finishReason: 'IMAGE_SAFETY',
        usage: promptOnlyUsage(ctx),
      }),
    ),
  image_prohibited: (ctx) =>
    ok(candidateResponse(ctx, { finishReason: 'IMAGE_PROHIBITED_CONTENT', usage: promptOnlyUsage(ctx) })),
  image_recitation: (ctx) =>
    ok(candidateResponse(ctx, { parts: [], finishReason: 'IMAGE_RECITATION', usage: promptOnlyUsage(ctx) })),
  no_image: (ctx) => ok(candidateResponse(ctx, { finishReason: 'NO_IMAGE', usage: promptOnlyUsage(ctx) })),
  image_other: (ctx) =>
    ok(candidateResponse(ctx, { finishReason: 'IMAGE_OTHER', usage: promptOnlyUsage(ctx) })),
  prompt_blocked: (ctx) =>
    ok({
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: promptOnlyUsage(ctx),
      modelVersion: ctx.model,
      responseId: responseId(),
    }),
  empty_candidates: (ctx) =>
    ok({
      candidates: [],
      usageMetadata: promptOnlyUsage(ctx),
      modelVersion: ctx.model,
      responseId: responseId(),
    }),
  empty_object: () => ok({}),
};

/** The reply for a scenario; `slow` is answered like `ok` (the server does the waiting). */
export async function replyFor(scenario: ScenarioName, ctx: ScenarioContext): Promise<Reply> {
  const canned = ERROR_REPLIES[scenario] ?? NO_IMAGE_REPLIES[scenario];
  if (canned !== undefined) return canned(ctx);
  return ok(await imageResponse(scenario, ctx));
}

async function imageResponse(scenario: ScenarioName, ctx: ScenarioContext): Promise<Record<string, unknown>> {
  const { request } = ctx;
  const size = scenario === 'huge' ? '4K' : request.imageSize;
  const { width, height } = pixelSize(request.model, request.aspectRatio, size);
  const caption = captionOf(request.prompt);
  const render = (palette: Palette, format: 'jpeg' | 'png', scale = 1) =>
    renderSynthetic({
      width: Math.max(64, Math.round(width * scale)),
      height: Math.max(64, Math.round(height * scale)),
      format,
      palette,
      caption,
      noisy: scenario === 'huge',
    });
  const format = scenario === 'ok_png' ? 'png' : 'jpeg';
  const declared = scenario === 'ok_png' || scenario === 'ok_mislabelled' ? 'image/png' : 'image/jpeg';
  const parts: Part[] = [];
  if (scenario === 'ok_with_thoughts') {
    parts.push({ text: 'Sketching the layout before the final render.', thought: true });
    parts.push(imagePart('image/jpeg', await render('draft', 'jpeg', 0.5), true));
  }
  parts.push(textPart(`Here is a synthetic picture for: ${caption}`, true));
  if (scenario === 'ok_two_images') parts.push(imagePart('image/jpeg', await render('alternate', 'jpeg')));
  const final = await render('final', format);
  // ok_truncated: a well-formed response whose image bytes stop half-way, as a damaged payload would.
  parts.push(
    imagePart(
      declared,
      scenario === 'ok_truncated' ? final.subarray(0, Math.floor(final.length / 2)) : final,
    ),
  );
  const images = scenario === 'ok_two_images' ? 2 : 1;
  const thoughts = scenario === 'ok_with_thoughts' ? true : undefined;
  const usage = usageMetadata(ctx, thoughts === undefined ? { images } : { images, thoughts });
  return candidateResponse(ctx, { parts, finishReason: 'STOP', usage });
}
