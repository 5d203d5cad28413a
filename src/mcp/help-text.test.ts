import { describe, expect, it } from 'vitest';
import { createModelRegistry, defaultModelIds, noPriceOverrides } from '../models/index.js';
import { buildHelpText } from './help-text.js';

describe('help text', () => {
  it('is built from the live registry, so overrides show', () => {
    const prices = noPriceOverrides();
    prices.pro['4K'] = 0.3;
    const registry = createModelRegistry({ ids: defaultModelIds(), prices });
    const text = buildHelpText({ registry, publicUrl: 'https://img.example.com', callerDefault: 'pro' });
    expect(text).toContain('**flash** — Nano Banana 2.1 (`gemini-nano-banana-2.1`)');
    expect(text).toContain('**lite** — Nano Banana 2 Lite (`gemini-3.1-flash-lite-image`)');
    expect(text).toContain('**pro** — Nano Banana Pro (`gemini-3-pro-image`)');
    expect(text).toContain('1K $0.0336, 2K $0.0504, 4K $0.1134');
    expect(text).toContain('4K $0.300');
    expect(text).not.toContain('512');
    expect(text).toContain('(now pro)');
    expect(text).toContain('https://img.example.com/ui');
    expect(text).toContain('reference_images');
    expect(text).toContain('1:8');
    expect(text).not.toContain('## Your budget');
  });

  it("includes the caller's budget when given", () => {
    const registry = createModelRegistry({ ids: defaultModelIds(), prices: noPriceOverrides() });
    const budget = 'Your monthly budget is $5.00, so $3.75 is left.';
    const text = buildHelpText({
      registry,
      publicUrl: 'https://img.example.com',
      callerDefault: undefined,
      budget,
    });
    expect(text).toContain(`## Your budget\n${budget}\n`);
  });

  it('shows the 512 size when the operator pins Nano Banana 2', () => {
    const registry = createModelRegistry({
      ids: { ...defaultModelIds(), flash: 'gemini-3.1-flash-image' },
      prices: noPriceOverrides(),
    });
    const text = buildHelpText({ registry, publicUrl: 'https://img.example.com', callerDefault: undefined });
    expect(text).toContain('flash: 512, 1K, 2K, 4K');
    expect(text).toContain('512 $0.045');
  });
});
