// Builds 200 bodies shaped exactly like Gemini's (as recorded from live calls): parts with thought
// signatures, finishReason, index 0, usageMetadata with IMAGE tokens from Google's tables, the requested
// model as modelVersion and a random responseId.
import { randomBytes } from 'node:crypto';
import { imageTokens, TOKENS_PER_REFERENCE } from './gemini-tables.js';
import type { ValidRequest } from './gemini-validate.js';

export interface ResponseContext {
  model: string;
  request: ValidRequest;
  random: () => number;
}

export type Part = Record<string, unknown>;

export function signature(): string {
  return randomBytes(24).toString('base64');
}

export function textPart(text: string, signed: boolean): Part {
  return signed ? { text, thoughtSignature: signature() } : { text };
}

export function imagePart(mimeType: string, bytes: Buffer, thought = false): Part {
  const inlineData = { mimeType, data: bytes.toString('base64') };
  return thought ? { inlineData, thought: true } : { inlineData, thoughtSignature: signature() };
}

function promptUsage({ request }: ResponseContext) {
  const textTokens = Math.ceil(request.prompt.length / 4) + 3;
  const imageTokensIn = request.references.length * TOKENS_PER_REFERENCE;
  const details: Record<string, unknown>[] = [{ modality: 'TEXT', tokenCount: textTokens }];
  if (imageTokensIn > 0) details.push({ modality: 'IMAGE', tokenCount: imageTokensIn });
  return { promptTokenCount: textTokens + imageTokensIn, promptTokensDetails: details };
}

export interface UsageShape {
  images: number;
  /** Force thinking tokens on or off; by default they appear about half the time, as in real captures. */
  thoughts?: boolean;
}

export function usageMetadata(ctx: ResponseContext, shape: UsageShape): Record<string, unknown> {
  const prompt = promptUsage(ctx);
  const imageOut = shape.images * imageTokens(ctx.request.model, ctx.request.imageSize);
  const candidates = imageOut + 150 + Math.floor(ctx.random() * 200);
  const withThoughts = shape.thoughts ?? ctx.random() < 0.5;
  const thoughts = withThoughts ? 100 + Math.floor(ctx.random() * 250) : 0;
  return {
    promptTokenCount: prompt.promptTokenCount,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt.promptTokenCount + candidates + thoughts,
    promptTokensDetails: prompt.promptTokensDetails,
    candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: imageOut }],
    ...(withThoughts ? { thoughtsTokenCount: thoughts } : {}),
    serviceTier: 'standard',
  };
}

/** Usage of a call that produced nothing but prompt tokens (blocked, withheld). */
export function promptOnlyUsage(ctx: ResponseContext): Record<string, unknown> {
  const prompt = promptUsage(ctx);
  return {
    promptTokenCount: prompt.promptTokenCount,
    totalTokenCount: prompt.promptTokenCount,
    promptTokensDetails: prompt.promptTokensDetails,
    serviceTier: 'standard',
  };
}

export function responseId(): string {
  return randomBytes(15).toString('base64url');
}

export interface CandidateShape {
  parts?: readonly Part[];
  finishReason: string;
  usage: Record<string, unknown>;
}

export function candidateResponse(ctx: ResponseContext, shape: CandidateShape): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  if (shape.parts !== undefined) candidate.content = { role: 'model', parts: shape.parts };
  candidate.finishReason = shape.finishReason;
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: shape.usage,
    modelVersion: ctx.model,
    responseId: responseId(),
  };
}
