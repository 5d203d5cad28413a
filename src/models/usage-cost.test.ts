import { describe, expect, it } from 'vitest';
import { findKnownModel, type TokenRates } from './catalog.js';
import { costFromUsage } from './usage-cost.js';

function ratesOf(id: string): TokenRates {
  const model = findKnownModel(id);
  if (model === undefined) throw new Error(`no model ${id} in the catalog`);
  return model.rates;
}

describe('cost from usage counts', () => {
  it('matches a recorded live flash call (Nano Banana 2, 1K)', () => {
    const cost = costFromUsage(
      { promptTokenCount: 9, candidatesTokenCount: 1466, thoughtsTokenCount: 337, imageOutputTokens: 1120 },
      ratesOf('gemini-3.1-flash-image'),
    );
    expect(cost).toBeCloseTo(0.0692535, 5);
  });

  it('equals the list price for a bare pro 4K image', () => {
    expect(
      costFromUsage({ candidatesTokenCount: 2000, imageOutputTokens: 2000 }, ratesOf('gemini-3-pro-image')),
    ).toBe(0.24);
  });

  it('clamps an image count larger than the candidates count', () => {
    const cost = costFromUsage(
      { candidatesTokenCount: 1000, imageOutputTokens: 1120 },
      ratesOf('gemini-3.1-flash-image'),
    );
    expect(cost).toBe(0.06);
  });

  it.each([
    ['gemini-nano-banana-2.1', 1120, 0.0336],
    ['gemini-nano-banana-2.1', 3780, 0.1134],
    ['gemini-3.1-flash-lite-image', 1120, 0.0336],
  ])('equals the list price for a bare %s image of %i tokens', (id, tokens, price) => {
    expect(costFromUsage({ candidatesTokenCount: tokens, imageOutputTokens: tokens }, ratesOf(id))).toBe(
      price,
    );
  });

  it('gives no estimate when image tokens are not itemised', () => {
    expect(
      costFromUsage({ promptTokenCount: 10, candidatesTokenCount: 1200 }, ratesOf('gemini-3.1-flash-image')),
    ).toBeUndefined();
  });
});
