import { describe, expect, it } from 'vitest';
import { fitBox, foldPrompt, formatUsd, formatUtc } from './format.js';

describe('formatUsd', () => {
  it.each([
    [0, '$0.000'],
    [0.067, '$0.067'],
    [0.0336, '$0.0336'],
    [0.13442, '$0.1344'],
    [0.1, '$0.100'],
    [1.608, '$1.608'],
    [1234.5, '$1,234.500'],
  ])('%d → %s', (value, expected) => {
    expect(formatUsd(value)).toBe(expected);
  });
});

describe('formatUtc', () => {
  it('shows minutes in UTC whatever the offset of the input', () => {
    expect(formatUtc('2025-03-04T18:05:59+01:00')).toBe('2025-03-04 17:05 UTC');
  });
  it('leaves text that is not a date alone', () => {
    expect(formatUtc('yesterday')).toBe('yesterday');
  });
});

describe('foldPrompt', () => {
  it('keeps a short prompt whole', () => {
    expect(foldPrompt('  a red fox  ')).toEqual({ head: 'a red fox', folded: false });
  });
  it('cuts a long prompt at a word boundary and marks it folded', () => {
    const prompt = `${'word '.repeat(60)}end`;
    const { head, folded } = foldPrompt(prompt, 50);
    expect(folded).toBe(true);
    expect(head).toBe(`${'word '.repeat(10).trim()}…`);
  });
  it('cuts a long prompt without spaces at the limit', () => {
    expect(foldPrompt('x'.repeat(200), 50).head).toBe(`${'x'.repeat(50)}…`);
  });
});

describe('fitBox', () => {
  it.each([
    [1024, 1024, { width: 256, height: 256 }],
    [1920, 1080, { width: 256, height: 144 }],
    [768, 1376, { width: 143, height: 256 }],
    [0, 10, { width: 256, height: 256 }],
  ])('%d×%d fits in 256 as %o', (w, h, expected) => {
    expect(fitBox(w, h, 256)).toEqual(expected);
  });
});
