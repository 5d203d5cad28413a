// Small pure formatters for the dashboard views: money (the shared dollar format), dates, prompt folding
// and thumbnail box sizes.
// Dates are shown in UTC so a page renders the same everywhere and tests stay stable.

export { formatUsd } from '../money.js';

/** `2025-03-04 17:05 UTC`, or the raw text when it is not a date. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const PROMPT_FOLD_CHARS = 160;

/** Splits a prompt into what is always shown and whether the rest needs an expander. */
export function foldPrompt(prompt: string, limit = PROMPT_FOLD_CHARS): { head: string; folded: boolean } {
  const text = prompt.trim();
  if (text.length <= limit) return { head: text, folded: false };
  const cut = text.lastIndexOf(' ', limit);
  const head = text.slice(0, cut > limit * 0.6 ? cut : limit).trimEnd();
  return { head: `${head}…`, folded: true };
}

/** Width and height attributes for a thumbnail whose longest side is `box`, keeping the aspect ratio. */
export function fitBox(width: number, height: number, box: number): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: box, height: box };
  const scale = box / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
