import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../test/helpers/errors.js';
import { defaultModelIds, modelLabel, noPriceOverrides, productNameOf } from './catalog.js';
import { createModelRegistry } from './registry.js';

const registry = createModelRegistry({ ids: defaultModelIds(), prices: noPriceOverrides() });

/** A registry whose flash alias is pinned by the operator to another id. */
function pinnedFlash(id: string, prices = noPriceOverrides()) {
  return createModelRegistry({ ids: { ...defaultModelIds(), flash: id }, prices });
}

describe('the default lineup', () => {
  it.each([
    ['flash', 'gemini-nano-banana-2.1', 'Nano Banana 2.1'],
    ['pro', 'gemini-3-pro-image', 'Nano Banana Pro'],
    ['lite', 'gemini-3.1-flash-lite-image', 'Nano Banana 2 Lite'],
  ] as const)('offers %s as %s (%s)', (alias, id, name) => {
    const model = registry.get(alias);
    expect(model.id).toBe(id);
    expect(model.displayName).toBe(name);
    expect(model.known).toBe(true);
  });

  it('has nothing to tell the operator at start-up', () => {
    expect(registry.notices()).toEqual([]);
  });
});

describe('model resolution', () => {
  it.each([
    ['flash', 'flash'],
    ['  FLASH ', 'flash'],
    ['pro', 'pro'],
    ['Pro', 'pro'],
    ['lite', 'lite'],
    ['LITE', 'lite'],
    ['gemini-nano-banana-2.1', 'flash'],
    ['Nano Banana 2.1', 'flash'],
    ['gemini-3.1-flash-image', 'flash'],
    ['gemini-3.1-flash-image-preview', 'flash'],
    ['models/gemini-3.1-flash-image', 'flash'],
    ['Nano Banana 2', 'flash'],
    ['nano  banana   2', 'flash'],
    ['nano-banana-2', 'flash'],
    ['gemini-3-pro-image', 'pro'],
    ['GEMINI-3-PRO-IMAGE-PREVIEW', 'pro'],
    ['Nano Banana Pro', 'pro'],
    [' nano banana pro ', 'pro'],
    ['gemini-3.1-flash-lite-image', 'lite'],
    ['Nano Banana 2 Lite', 'lite'],
  ])('selects %j as %s', (input, alias) => {
    expect(registry.resolveModel(input).alias).toBe(alias);
  });

  it('sends the configured id whatever name selected the family', () => {
    expect(registry.resolveModel('gemini-3.1-flash-image').id).toBe('gemini-nano-banana-2.1');
    expect(registry.resolveModel('Nano Banana 2').id).toBe('gemini-nano-banana-2.1');
    expect(pinnedFlash('gemini-3.1-flash-image').resolveModel('Nano Banana 2.1').id).toBe(
      'gemini-3.1-flash-image',
    );
  });

  it.each(['gpt-image-1', 'flash2', 'banana', 'imagen-4'])('refuses the unknown model %j', (input) => {
    const error = rejectionOf(() => registry.resolveModel(input));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`Unknown model "${input}"`);
    expect(error.message).toContain('"flash" (Nano Banana 2.1)');
    expect(error.message).toContain('"pro" (Nano Banana Pro)');
    expect(error.message).toContain('"lite" (Nano Banana 2 Lite)');
  });

  it('selects the family by an operator id it does not know', () => {
    const custom = pinnedFlash('gemini-nano-banana-3');
    expect(custom.resolveModel('gemini-nano-banana-3').alias).toBe('flash');
    expect(custom.resolveModel('flash').id).toBe('gemini-nano-banana-3');
  });
});

describe('size resolution', () => {
  const flash = registry.get('flash');
  const pro = registry.get('pro');
  const lite = registry.get('lite');

  it.each([
    [undefined, '1K'],
    ['1K', '1K'],
    ['1k', '1K'],
    [' 2k ', '2K'],
    ['4K', '4K'],
  ])('reads %j on flash as %s', (input, size) => {
    expect(registry.resolveSize(flash, input)).toBe(size);
  });

  it('refuses 512 on Nano Banana 2.1 and suggests 1K or lite', () => {
    const error = rejectionOf(() => registry.resolveSize(flash, '512'));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toBe(
      'Image size "512" is not available on flash (Nano Banana 2.1). It takes 1K, 2K, 4K. Use 1K, or model "lite" for quick drafts.',
    );
  });

  it('refuses 512 on pro with the same advice', () => {
    const error = rejectionOf(() => registry.resolveSize(pro, '512px'));
    expect(error.message).toContain('It takes 1K, 2K, 4K. Use 1K, or model "lite" for quick drafts.');
  });

  it.each(['2K', '4K'])('refuses %s on lite and names the models that take it', (size) => {
    const error = rejectionOf(() => registry.resolveSize(lite, size));
    expect(error.message).toBe(
      `Image size "${size}" is not available on lite (Nano Banana 2 Lite). It takes 1K. Models "flash" and "pro" take ${size}.`,
    );
  });

  it.each(['8K', '1024', 'big', '0.5K'])('refuses the size %j', (input) => {
    const error = rejectionOf(() => registry.resolveSize(flash, input));
    expect(error.message).toContain(`Image size "${input}"`);
    expect(error.message).toContain('It takes 1K, 2K, 4K.');
  });

  it('brings 512 back when the operator pins Nano Banana 2', () => {
    const pinned = pinnedFlash('gemini-3.1-flash-image');
    const model = pinned.get('flash');
    expect(pinned.resolveSize(model, '512px')).toBe('512');
    expect(model.displayName).toBe('Nano Banana 2');
    expect(pinned.priceOf(model, '512')).toBe(0.045);
    expect(pinned.priceOf(model, '1K')).toBe(0.067);
  });

  it('names the pinned flash model when 512 is asked of pro', () => {
    const pinned = pinnedFlash('gemini-3.1-flash-image');
    const error = rejectionOf(() => pinned.resolveSize(pinned.get('pro'), '512'));
    expect(error.message).toContain('Model "flash" takes 512.');
  });

  it('lets Gemini judge every size of a model it does not know', () => {
    const custom = pinnedFlash('gemini-nano-banana-3');
    expect(custom.resolveSize(custom.get('flash'), '512')).toBe('512');
  });
});

describe('aspect ratio resolution', () => {
  const flash = registry.get('flash');
  const pro = registry.get('pro');
  const lite = registry.get('lite');

  it.each([
    [undefined, '1:1'],
    ['16:9', '16:9'],
    ['16 : 9', '16:9'],
    [' 9:16 ', '9:16'],
    ['21 :9', '21:9'],
  ])('reads %j as %s', (input, ratio) => {
    expect(registry.resolveAspectRatio(pro, input)).toBe(ratio);
  });

  it.each(['1:8', '8:1', '1:4', '4:1'])('accepts the extreme ratio %s on flash and lite only', (ratio) => {
    expect(registry.resolveAspectRatio(flash, ratio)).toBe(ratio);
    expect(registry.resolveAspectRatio(lite, ratio)).toBe(ratio);
    const error = rejectionOf(() => registry.resolveAspectRatio(pro, ratio));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(`Models "flash" and "lite" take ${ratio}.`);
  });

  it.each(['2:1', '16x9', 'wide', '1:1:1'])('refuses %j and lists the allowed ratios', (input) => {
    const error = rejectionOf(() => registry.resolveAspectRatio(flash, input));
    expect(error.message).toContain(`Aspect ratio "${input}"`);
    expect(error.message).toContain('It takes 1:1, 1:4, 1:8');
  });
});

describe('prices', () => {
  it.each([
    ['flash', '1K', 0.0336],
    ['flash', '2K', 0.0504],
    ['flash', '4K', 0.1134],
    ['pro', '1K', 0.134],
    ['pro', '2K', 0.134],
    ['pro', '4K', 0.24],
    ['lite', '1K', 0.0336],
  ] as const)('lists %s at %s for $%s', (alias, size, price) => {
    expect(registry.priceOf(registry.get(alias), size)).toBe(price);
  });

  it('has no price for a size the model does not take', () => {
    expect(registry.get('flash').prices['512']).toBeUndefined();
    expect(registry.get('lite').prices['2K']).toBeUndefined();
  });

  it('uses operator price overrides for the configured model', () => {
    const prices = noPriceOverrides();
    prices.pro['4K'] = 0.3;
    prices.lite['1K'] = 0.02;
    const custom = createModelRegistry({ ids: defaultModelIds(), prices });
    expect(custom.priceOf(custom.get('pro'), '4K')).toBe(0.3);
    expect(custom.priceOf(custom.get('pro'), '1K')).toBe(0.134);
    expect(custom.priceOf(custom.get('lite'), '1K')).toBe(0.02);
  });

  it('tells the operator how an unknown model is priced', () => {
    const custom = pinnedFlash('gemini-nano-banana-3');
    expect(custom.priceOf(custom.get('flash'), '1K')).toBe(0.0336);
    const [notice] = custom.notices();
    expect(notice).toContain('IMG_MODEL_FLASH=gemini-nano-banana-3 is not a model this server knows');
    expect(notice).toContain('IMG_COST_FLASH_512, IMG_COST_FLASH_1K, IMG_COST_FLASH_2K, IMG_COST_FLASH_4K');
  });

  it('prices an unknown model from the variables once they are set', () => {
    const prices = noPriceOverrides();
    prices.flash = { '512': 0.01, '1K': 0.02, '2K': 0.03, '4K': 0.04 };
    const custom = pinnedFlash('gemini-nano-banana-3', prices);
    expect(custom.priceOf(custom.get('flash'), '2K')).toBe(0.03);
    expect(custom.notices()[0]).toContain('its prices come from your IMG_COST variables');
  });

  it('warns when the operator pins a deprecated model', () => {
    const [notice] = pinnedFlash('gemini-3.1-flash-image').notices();
    expect(notice).toContain('Nano Banana 2, which Google has deprecated');
  });
});

describe('product names of record ids', () => {
  it.each([
    ['gemini-nano-banana-2.1', 'Nano Banana 2.1'],
    ['gemini-3.1-flash-image', 'Nano Banana 2'],
    ['gemini-3.1-flash-image-preview', 'Nano Banana 2'],
    ['gemini-2.5-flash-image', 'Nano Banana'],
    ['gemini-2.5-flash-image-preview', 'Nano Banana'],
    ['gemini-3-pro-image-preview', 'Nano Banana Pro'],
    ['gemini-3.1-flash-lite-image', 'Nano Banana 2 Lite'],
    ['some-future-model', 'some-future-model'],
  ])('names %s as %s', (id, name) => {
    expect(productNameOf(id)).toBe(name);
  });
});

describe('model labels of records', () => {
  it.each([
    ['gemini-nano-banana-2.1', 'flash', 'Nano Banana 2.1 (flash)'],
    ['gemini-3-pro-image', 'pro', 'Nano Banana Pro (pro)'],
    ['gemini-3-pro-image-preview', 'pro', 'Nano Banana Pro (pro) · gemini-3-pro-image-preview'],
    ['gemini-3.1-flash-image', 'flash', 'Nano Banana 2 (flash) · gemini-3.1-flash-image'],
    ['gemini-2.5-flash-image-preview', null, 'Nano Banana · gemini-2.5-flash-image-preview'],
    ['gemini-nano-banana-3', 'flash', 'gemini-nano-banana-3 (flash)'],
    ['imagen-3', null, 'imagen-3'],
  ] as const)('shows %s chosen as %s as %j', (model, alias, label) => {
    expect(modelLabel({ model, model_alias: alias })).toBe(label);
  });
});
