// The static facts about the two Gemini image models we offer: names, sizes, aspect ratios, list prices
// and token rates. Pure data; `registry.ts` turns it into a lookup that honours env overrides.
// Sources: Google's published model tables and price list for the Gemini image models.

export const MODEL_ALIASES = ['flash', 'pro'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export type PriceTable = Record<ModelAlias, Partial<Record<ImageSize, number>>>;

/** USD per one million tokens, used to estimate the real cost of a call from its usage counts. */
export interface TokenRates {
  input: number;
  imageOutput: number;
  textOutput: number;
}

export interface ModelFacts {
  alias: ModelAlias;
  displayName: string;
  defaultId: string;
  /** Other model ids that select this model (the preview ids, the GA id when overridden). */
  knownIds: readonly string[];
  /** Marketing names people use for it. */
  nicknames: readonly string[];
  sizes: readonly ImageSize[];
  aspectRatios: readonly string[];
  listPrices: Partial<Record<ImageSize, number>>;
  rates: TokenRates;
  summary: string;
}

const FLASH_RATIOS = [
  '1:1',
  '1:4',
  '1:8',
  '2:3',
  '3:2',
  '3:4',
  '4:1',
  '4:3',
  '4:5',
  '5:4',
  '8:1',
  '9:16',
  '16:9',
  '21:9',
] as const;

const PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

export const MODEL_FACTS: Readonly<Record<ModelAlias, ModelFacts>> = {
  flash: {
    alias: 'flash',
    displayName: 'Nano Banana 2',
    defaultId: 'gemini-3.1-flash-image',
    knownIds: ['gemini-3.1-flash-image', 'gemini-3.1-flash-image-preview'],
    nicknames: ['nano banana 2', 'nano-banana-2', 'nanobanana2'],
    sizes: ['512', '1K', '2K', '4K'],
    aspectRatios: FLASH_RATIOS,
    listPrices: { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
    rates: { input: 0.5, imageOutput: 60, textOutput: 3 },
    summary:
      "fast and inexpensive; the server's default; the only model with the 512 size and the extreme ratios",
  },
  pro: {
    alias: 'pro',
    displayName: 'Nano Banana Pro',
    defaultId: 'gemini-3-pro-image',
    knownIds: ['gemini-3-pro-image', 'gemini-3-pro-image-preview'],
    nicknames: ['nano banana pro', 'nano-banana-pro', 'nanobananapro'],
    sizes: ['1K', '2K', '4K'],
    aspectRatios: PRO_RATIOS,
    listPrices: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
    rates: { input: 2, imageOutput: 120, textOutput: 12 },
    summary: 'slower and about twice the price; better at text in images, layout and fine detail',
  },
};

export const DEFAULT_ALIAS: ModelAlias = 'flash';
export const DEFAULT_SIZE: ImageSize = '1K';
export const DEFAULT_ASPECT_RATIO = '1:1';

/** The list prices as a fresh table, the starting point for env overrides. */
export function listPriceTable(): PriceTable {
  return { flash: { ...MODEL_FACTS.flash.listPrices }, pro: { ...MODEL_FACTS.pro.listPrices } };
}
