// Reads a generateContent response (the SDK's object or the raw JSON; unknown fields are ignored) and
// returns the final image, or throws an AppError that says why there is none (a block, a safety stop, text only).
// Thought parts are interim drafts and never count; the LAST non-thought image part is the result. Pure.
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { UsageCounts } from '../models/usage-cost.js';

export interface ParsedImage {
  kind: 'image';
  bytes: Buffer;
  /** The MIME type Gemini claimed; callers must sniff the bytes, it can be wrong. */
  declaredMime: string;
  /** Non-thought text the model sent along with the image. */
  text?: string;
  usage: UsageCounts;
  modelVersion?: string;
  responseId?: string;
}

const count = z.number().int().nonnegative().optional().catch(undefined);
const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  inlineData: z.looseObject({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
});
const candidateSchema = z.looseObject({
  content: z.looseObject({ parts: z.array(partSchema).optional() }).nullish(),
  finishReason: z.string().optional(),
});
const modalityCount = z.looseObject({ modality: z.string().optional(), tokenCount: count });
const responseSchema = z.looseObject({
  candidates: z.array(candidateSchema).nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).nullish(),
  usageMetadata: z
    .looseObject({
      promptTokenCount: count,
      candidatesTokenCount: count,
      thoughtsTokenCount: count,
      totalTokenCount: count,
      candidatesTokensDetails: z.array(modalityCount).optional(),
    })
    .nullish(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});
type GeminiResponse = z.infer<typeof responseSchema>;
type Part = z.infer<typeof partSchema>;

/** Plain words for the reasons a prompt or an answer gets blocked. */
const BLOCK_WORDS = new Map<string, string>([
  ['SAFETY', 'Google’s safety filter stopped it'],
  ['IMAGE_SAFETY', 'Google’s image safety filter withheld the picture'],
  ['PROHIBITED_CONTENT', 'it touches content Google prohibits'],
  ['IMAGE_PROHIBITED_CONTENT', 'the picture would show content Google prohibits'],
  ['BLOCKLIST', 'it contains terms on Google’s block list'],
  ['SPII', 'the answer would reveal sensitive personal information'],
  ['OTHER', 'Google gave no reason'],
  ['BLOCKED_REASON_UNSPECIFIED', 'Google gave no reason'],
]);

/** Finish reasons of a candidate that mean a safety or policy filter stopped the picture. */
const BLOCKING_FINISH = new Set([
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
]);

/** Finish reasons where the model simply did not draw anything. */
const NO_IMAGE_WORDS = new Map<string, string>([
  ['STOP', 'Gemini answered with text instead of a picture'],
  ['NO_IMAGE', 'Gemini finished without producing a picture'],
  ['IMAGE_RECITATION', 'Gemini withheld the picture because it resembled existing material too closely'],
  ['RECITATION', 'Gemini withheld the answer because it resembled existing material too closely'],
  ['IMAGE_OTHER', 'Gemini could not produce the picture and gave no reason'],
  ['MAX_TOKENS', 'Gemini ran out of output space before drawing the picture'],
]);

const REPHRASE_HINT =
  'Try again, or rephrase the prompt to describe the picture itself (subject, setting, style), for example ' +
  'starting with "Generate an image of …". Nothing was stored.';

export function parseGenerateResponse(response: unknown): ParsedImage {
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success)
    throw new AppError(
      'gemini_unavailable',
      'Gemini sent a reply this server cannot read (unexpected shape). Try again in a moment.',
      { cause: parsed.error },
    );
  return pickImage(parsed.data);
}

function pickImage(response: GeminiResponse): ParsedImage {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason !== undefined) throw promptBlocked(blockReason);
  const candidate = response.candidates?.[0];
  if (candidate === undefined)
    throw noImage('Gemini returned an empty answer with no candidates', undefined, undefined);
  const parts = (candidate.content?.parts ?? []).filter((part) => part.thought !== true);
  const text = joinText(parts);
  const finishReason = candidate.finishReason;
  if (finishReason !== undefined && BLOCKING_FINISH.has(finishReason)) throw imageBlocked(finishReason, text);
  const image = parts.filter(isImagePart).at(-1);
  if (image === undefined) throw noImageFor(finishReason, text);
  return {
    kind: 'image',
    bytes: Buffer.from(image.inlineData?.data ?? '', 'base64'),
    declaredMime: image.inlineData?.mimeType ?? 'application/octet-stream',
    ...(text === undefined ? {} : { text }),
    usage: usageOf(response),
    ...(response.modelVersion === undefined ? {} : { modelVersion: response.modelVersion }),
    ...(response.responseId === undefined ? {} : { responseId: response.responseId }),
  };
}

function isImagePart(part: Part): boolean {
  const data = part.inlineData?.data;
  const mime = part.inlineData?.mimeType ?? '';
  return data !== undefined && data !== '' && mime.startsWith('image/');
}

function joinText(parts: readonly Part[]): string | undefined {
  const text = parts
    .map((part) => part.text?.trim() ?? '')
    .filter((t) => t !== '')
    .join('\n');
  return text === '' ? undefined : text;
}

function usageOf(response: GeminiResponse): UsageCounts {
  const meta = response.usageMetadata;
  const images = (meta?.candidatesTokensDetails ?? []).filter((d) => d.modality === 'IMAGE');
  const imageOutputTokens =
    images.length === 0 ? undefined : images.reduce((sum, d) => sum + (d.tokenCount ?? 0), 0);
  return {
    promptTokenCount: meta?.promptTokenCount,
    candidatesTokenCount: meta?.candidatesTokenCount,
    thoughtsTokenCount: meta?.thoughtsTokenCount,
    totalTokenCount: meta?.totalTokenCount,
    imageOutputTokens,
  };
}

function said(text: string | undefined): string {
  return text === undefined ? '' : ` Gemini said: "${text.length > 300 ? `${text.slice(0, 299)}…` : text}"`;
}

function promptBlocked(reason: string): AppError {
  const plain = BLOCK_WORDS.get(reason) ?? 'Google blocked it';
  return new AppError(
    'gemini_blocked',
    `Gemini blocked the prompt before drawing anything: ${plain} (${reason}). Change the prompt or the ` +
      'reference images; sending the same request again will be refused again. Nothing was stored.',
    { details: { blockReason: reason } },
  );
}

function imageBlocked(reason: string, text: string | undefined): AppError {
  const plain = BLOCK_WORDS.get(reason) ?? 'Google blocked it';
  return new AppError(
    'gemini_blocked',
    `Gemini blocked this image: ${plain} (${reason}).${said(text)} Change the prompt or the ` +
      'reference images to avoid it; repeating the same request will most likely be refused again. ' +
      'Nothing was stored.',
    { details: { finishReason: reason, ...(text === undefined ? {} : { text }) } },
  );
}

function noImageFor(finishReason: string | undefined, text: string | undefined): AppError {
  const reason = finishReason ?? 'STOP';
  if (reason === 'STOP' && text === undefined)
    return noImage('Gemini returned neither a picture nor any text', finishReason, text);
  const what = NO_IMAGE_WORDS.get(reason) ?? `Gemini stopped (${reason}) without producing a picture`;
  return noImage(what, finishReason, text);
}

function noImage(what: string, finishReason: string | undefined, text: string | undefined): AppError {
  const named = finishReason === undefined || finishReason === 'STOP' || what.includes(`(${finishReason})`);
  const label = named ? '' : ` (${finishReason})`;
  return new AppError('gemini_no_image', `${what}${label}.${said(text)} ${REPHRASE_HINT}`, {
    details: {
      ...(finishReason === undefined ? {} : { finishReason }),
      ...(text === undefined ? {} : { text }),
    },
  });
}
