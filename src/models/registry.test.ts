import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../test/helpers/errors.js';
import { listPriceTable } from './catalog.js';
import { createModelRegistry } from './registry.js';

const registry = createModelRegistry({
  ids: { flash: 'gemini-3.1-flash-image', pro: 'gemini-3-pro-image' },
  prices: listPriceTable(),
});

describe('model resolution', () => {
  it.each([
    ['flash', 'flash'],
    ['  FLASH ', 'flash'],
    ['pro', 'pro'],
    ['Pro', 'pro'],
    ['gemini-3.1-flash-image', 'flash'],
    ['gemini-3.1-flash-image-preview', 'flash'],
    ['models/gemini-3.1-flash-image', 'flash'],
    ['gemini-3-pro-image', 'pro'],
    ['GEMINI-3-PRO-IMAGE-PREVIEW', 'pro'],
    ['Nano Banana 2', 'flash'],
    ['nano  banana   2', 'flash'],
    ['nano-banana-2', 'flash'],
    ['Nano Banana Pro', 'pro'],
    [' nano banana pro ', 'pro'],
  ])('selects %j as %s', (input, alias) => {
    expect(registry.resolveModel(input).alias).toBe(alias);
  });

  it.each(['gpt-image-1', 'flash2', 'gemini-2.5-flash-image', 'banana'])(
    'refuses the unknown model %j',
    (input) => {
      const error = rejectionOf(() => registry.resolveModel(input));
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toContain(`Unknown model "${input}"`);
      expect(error.message).toContain('"flash"');
      expect(error.message).toContain('"pro"');
    },
  );

  it('recognises an operator-supplied model id and still the default ids', () => {
    const custom = createModelRegistry({
      ids: { flash: 'gemini-nano-banana-2.1', pro: 'gemini-3-pro-image' },
      prices: listPriceTable(),
    });
    expect(custom.resolveModel('gemini-nano-banana-2.1').alias).toBe('flash');
    expect(custom.get('flash').id).toBe('gemini-nano-banana-2.1');
    expect(custom.resolveModel('gemini-3.1-flash-image').id).toBe('gemini-nano-banana-2.1');
  });
});

describe('size resolution', () => {
  const flash = registry.get('flash');
  const pro = registry.get('pro');

  it.each([
    [undefined, '1K'],
    ['1K', '1K'],
    ['1k', '1K'],
    [' 2k ', '2K'],
    ['4K', '4K'],
    ['512', '512'],
    ['512px', '512'],
  ])('reads %j on flash as %s', (input, size) => {
    expect(registry.resolveSize(flash, input)).toBe(size);
  });

  it('refuses 512 on pro and says it exists on flash', () => {
    const error = rejectionOf(() => registry.resolveSize(pro, '512'));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('Allowed sizes: 1K, 2K, 4K');
    expect(error.message).toContain('only on the flash model');
  });

  it.each(['8K', '1024', 'big', '0.5K'])('refuses the size %j', (input) => {
    const error = rejectionOf(() => registry.resolveSize(flash, input));
    expect(error.message).toContain(`Image size "${input}"`);
    expect(error.message).toContain('512, 1K, 2K, 4K');
  });
});

describe('aspect ratio resolution', () => {
  const flash = registry.get('flash');
  const pro = registry.get('pro');

  it.each([
    [undefined, '1:1'],
    ['16:9', '16:9'],
    ['16 : 9', '16:9'],
    [' 9:16 ', '9:16'],
    ['21 :9', '21:9'],
  ])('reads %j as %s', (input, ratio) => {
    expect(registry.resolveAspectRatio(pro, input)).toBe(ratio);
  });

  it.each(['1:8', '8:1', '1:4', '4:1'])('accepts the extreme ratio %s on flash only', (ratio) => {
    expect(registry.resolveAspectRatio(flash, ratio)).toBe(ratio);
    const error = rejectionOf(() => registry.resolveAspectRatio(pro, ratio));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('flash model supports');
  });

  it.each(['2:1', '16x9', 'wide', '1:1:1'])('refuses %j and lists the allowed ratios', (input) => {
    const error = rejectionOf(() => registry.resolveAspectRatio(flash, input));
    expect(error.message).toContain(`Aspect ratio "${input}"`);
    expect(error.message).toContain('1:1, 1:4, 1:8');
  });
});

describe('prices', () => {
  it.each([
    ['flash', '512', 0.045],
    ['flash', '1K', 0.067],
    ['flash', '2K', 0.101],
    ['flash', '4K', 0.151],
    ['pro', '1K', 0.134],
    ['pro', '2K', 0.134],
    ['pro', '4K', 0.24],
  ] as const)('lists %s at %s for $%s', (alias, size, price) => {
    expect(registry.priceOf(registry.get(alias), size)).toBe(price);
  });

  it('uses operator price overrides', () => {
    const prices = listPriceTable();
    prices.pro['4K'] = 0.3;
    const custom = createModelRegistry({ ids: { flash: 'a-model', pro: 'b-model' }, prices });
    expect(custom.priceOf(custom.get('pro'), '4K')).toBe(0.3);
    expect(custom.priceOf(custom.get('pro'), '1K')).toBe(0.134);
  });
});
