import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../test/helpers/errors.js';
import { createModelRegistry, defaultModelIds, noPriceOverrides } from '../models/index.js';
import { resolveGenerateArgs } from './arguments.js';

const registry = createModelRegistry({ ids: defaultModelIds(), prices: noPriceOverrides() });
const STEM = 'abcdefabcdefabcdefabcdefabcdef12';
const PUBLIC = 'http://localhost:8766';

describe('generate_image arguments', () => {
  it('applies the defaults: Nano Banana 2.1 at 1K, 1:1, no references', () => {
    expect(resolveGenerateArgs({ prompt: '  a fox  ' }, registry, undefined, PUBLIC)).toMatchObject({
      prompt: 'a fox',
      model: { alias: 'flash', id: 'gemini-nano-banana-2.1' },
      modelSource: 'server-default',
      imageSize: '1K',
      aspectRatio: '1:1',
      referenceNames: [],
      cost: 0.0336,
    });
  });

  it('uses the dashboard default when no model is named', () => {
    const request = resolveGenerateArgs({ prompt: 'a fox' }, registry, 'pro', PUBLIC);
    expect(request.model.alias).toBe('pro');
    expect(request.modelSource).toBe('dashboard-default');
  });

  it('lets an explicit model win over the dashboard default', () => {
    const request = resolveGenerateArgs({ prompt: 'a fox', model: 'Nano Banana 2' }, registry, 'pro', PUBLIC);
    expect(request.model.alias).toBe('flash');
    expect(request.modelSource).toBe('argument');
  });

  it('uses lite when it is the dashboard default', () => {
    const request = resolveGenerateArgs({ prompt: 'a fox' }, registry, 'lite', PUBLIC);
    expect(request.model.id).toBe('gemini-3.1-flash-lite-image');
    expect(request.cost).toBe(0.0336);
  });

  it('treats a blank model as not given', () => {
    expect(resolveGenerateArgs({ prompt: 'a fox', model: '  ' }, registry, 'pro', PUBLIC).model.alias).toBe(
      'pro',
    );
  });

  it('prices the chosen size', () => {
    expect(
      resolveGenerateArgs({ prompt: 'a', model: 'pro', image_size: '4k' }, registry, undefined, PUBLIC).cost,
    ).toBe(0.24);
  });

  it('reads references given as names and URLs, dropping duplicates', () => {
    const request = resolveGenerateArgs(
      {
        prompt: 'a',
        reference_images: [`${STEM}.jpg`, `http://localhost:8766/i/${STEM}.jpg?x=1`, `${STEM}.png`],
      },
      registry,
      undefined,
      PUBLIC,
    );
    expect(request.referenceNames).toEqual([`${STEM}.jpg`, `${STEM}.png`]);
  });

  it.each([
    [{ prompt: '   ' }, 'The prompt is empty'],
    [{ prompt: 'x'.repeat(10_001) }, 'the limit is 10000'],
    [{ prompt: 'a', model: 'dall-e' }, 'Unknown model "dall-e"'],
    [{ prompt: 'a', image_size: '8K' }, 'Image size "8K"'],
    [{ prompt: 'a', image_size: '512' }, 'Use 1K, or model "lite" for quick drafts'],
    [{ prompt: 'a', model: 'pro', image_size: '512' }, 'not available on pro (Nano Banana Pro)'],
    [{ prompt: 'a', model: 'lite', image_size: '2K' }, 'Models "flash" and "pro" take 2K'],
    [{ prompt: 'a', model: 'lite', image_size: '4K' }, 'not available on lite (Nano Banana 2 Lite)'],
    [{ prompt: 'a', model: 'pro', aspect_ratio: '8:1' }, 'Aspect ratio "8:1"'],
    [{ prompt: 'a', reference_images: ['cat.png'] }, '"cat.png" is not an image of this server'],
    [{ prompt: 'a', reference_images: [`${STEM}.json`] }, 'is not an image of this server'],
    [
      { prompt: 'a', reference_images: [`https://evil.example/i/${STEM}.jpg`] },
      'is not an image of this server',
    ],
    [{ prompt: 'a', reference_images: Array.from({ length: 15 }, () => `${STEM}.jpg`) }, 'at most 14'],
  ])('refuses %j', (raw, message) => {
    const error = rejectionOf(() => resolveGenerateArgs(raw, registry, undefined, PUBLIC));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain(message);
  });
});
