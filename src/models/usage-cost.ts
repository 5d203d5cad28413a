// Estimates what a Gemini call really cost from its `usageMetadata` token counts (Google's
// per-token rates): input tokens at the input rate, IMAGE output tokens at the image rate, and everything else the model
// produced (un-itemised text and thinking) at the text rate. Pure.
import type { TokenRates } from './catalog.js';

export interface UsageCounts {
  promptTokenCount?: number | undefined;
  candidatesTokenCount?: number | undefined;
  thoughtsTokenCount?: number | undefined;
  totalTokenCount?: number | undefined;
  imageOutputTokens?: number | undefined;
}

/** Returns the cost in USD, or `undefined` when the usage does not itemise image tokens. */
export function costFromUsage(usage: UsageCounts, rates: TokenRates): number | undefined {
  if (usage.imageOutputTokens === undefined) return undefined;
  const candidates = usage.candidatesTokenCount ?? usage.imageOutputTokens;
  const imageOut = Math.min(usage.imageOutputTokens, candidates);
  const textOut = candidates - imageOut + (usage.thoughtsTokenCount ?? 0);
  const input = usage.promptTokenCount ?? 0;
  const micro = input * rates.input + imageOut * rates.imageOutput + textOut * rates.textOutput;
  return roundUsd(micro / 1_000_000);
}

/** Rounds to a millionth of a dollar, enough for sums over many images without float noise. */
export function roundUsd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
