import { describe, expect, it } from 'vitest';
import { MODEL_FACTS } from './catalog.js';
import { costFromUsage } from './usage-cost.js';

describe('cost from usage counts', () => {
  it('matches a recorded live flash call', () => {
    const cost = costFromUsage(
      { promptTokenCount: 9, candidatesTokenCount: 1466, thoughtsTokenCount: 337, imageOutputTokens: 1120 },
      MODEL_FACTS.flash.rates,
    );
    expect(cost).toBeCloseTo(0.0692535, 5);
  });

  it('equals the list price for a bare pro 4K image', () => {
    expect(
      costFromUsage({ candidatesTokenCount: 2000, imageOutputTokens: 2000 }, MODEL_FACTS.pro.rates),
    ).toBe(0.24);
  });

  it('clamps an image count larger than the candidates count', () => {
    const cost = costFromUsage(
      { candidatesTokenCount: 1000, imageOutputTokens: 1120 },
      MODEL_FACTS.flash.rates,
    );
    expect(cost).toBe(0.06);
  });

  it('gives no estimate when image tokens are not itemised', () => {
    expect(
      costFromUsage({ promptTokenCount: 10, candidatesTokenCount: 1200 }, MODEL_FACTS.flash.rates),
    ).toBeUndefined();
  });
});
