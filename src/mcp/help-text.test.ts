import { describe, expect, it } from 'vitest';
import { createModelRegistry, listPriceTable } from '../models/index.js';
import { buildHelpText } from './help-text.js';

describe('help text', () => {
  it('is built from the live registry, so overrides show', () => {
    const prices = listPriceTable();
    prices.pro['4K'] = 0.3;
    const registry = createModelRegistry({
      ids: { flash: 'gemini-nano-banana-2.1', pro: 'gemini-3-pro-image' },
      prices,
    });
    const text = buildHelpText({ registry, publicUrl: 'https://img.example.com', callerDefault: 'pro' });
    expect(text).toContain('`gemini-nano-banana-2.1`');
    expect(text).toContain('4K $0.300');
    expect(text).toContain('512 $0.045');
    expect(text).toContain('(now pro)');
    expect(text).toContain('https://img.example.com/ui');
    expect(text).toContain('reference_images');
    expect(text).toContain('1:8');
    expect(text).not.toContain('## Your budget');
  });

  it("includes the caller's budget when given", () => {
    const registry = createModelRegistry({
      ids: { flash: 'gemini-nano-banana-2.1', pro: 'gemini-3-pro-image' },
      prices: listPriceTable(),
    });
    const budget = 'Your monthly budget is $5.00, so $3.75 is left.';
    const text = buildHelpText({
      registry,
      publicUrl: 'https://img.example.com',
      callerDefault: undefined,
      budget,
    });
    expect(text).toContain(`## Your budget\n${budget}\n`);
  });
});
