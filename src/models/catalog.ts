// The static facts about the Gemini image models this server knows: ids, product names, sizes, aspect
// ratios, list prices and token rates, and the three families (aliases) a person chooses between. Pure
// data; `registry.ts` turns it into a lookup that honours the operator's env overrides.
//
// Google renames and retires image models every few months, so this table is dated. As of 2026-11-29:
// - Nano Banana 2.1 (`gemini-nano-banana-2.1`) is Google's recommended model since 2026-10-06; 1K/2K/4K
//   only (a 512 request is a 400), image output $30 per million tokens (1K 1120, 2K 1680, 4K 3780 tokens).
// - Nano Banana 2 (`gemini-3.1-flash-image`) was deprecated the same day (public reports give 2026-10-29
//   as its shutdown); it stays selectable for operators who pin it, and it alone has the 512 tier.
// - Nano Banana 2 Lite (`gemini-3.1-flash-lite-image`, GA 2026-06-30): the fastest tier, 1K only.
// - Nano Banana Pro (`gemini-3-pro-image`): unchanged.
// - Nano Banana (`gemini-2.5-flash-image`) is retired; it is here so old records show a readable name.

export const MODEL_ALIASES = ['flash', 'pro', 'lite'] as const;
export type ModelAlias = (typeof MODEL_ALIASES)[number];

export const IMAGE_SIZES = ['512', '1K', '2K', '4K'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export type SizePrices = Partial<Record<ImageSize, number>>;
/** Per alias, the prices the operator set with `IMG_COST_{ALIAS}_{SIZE}`; absent sizes use list prices. */
export type PriceOverrides = Record<ModelAlias, SizePrices>;

/** USD per one million tokens, used to estimate the real cost of a call from its usage counts. */
export interface TokenRates {
  input: number;
  imageOutput: number;
  textOutput: number;
}

export type ModelStatus = 'current' | 'deprecated' | 'retired';

/** One Gemini image model as Google serves it (or served it). */
export interface KnownModel {
  id: string;
  /** Other ids Google serves (or served) for the same model, such as the `-preview` id. */
  otherIds: readonly string[];
  productName: string;
  /** The family whose alias this model answers to when a person names it. */
  family: ModelAlias;
  status: ModelStatus;
  sizes: readonly ImageSize[];
  aspectRatios: readonly string[];
  /** Output image tokens Google bills per size. */
  imageTokens: Partial<Record<ImageSize, number>>;
  listPrices: SizePrices;
  rates: TokenRates;
  summary: string;
}

/** What a person chooses between: an alias, its default model and the names that select it. */
export interface ModelFamily {
  alias: ModelAlias;
  defaultId: string;
  envVar: string;
  /** Names people use for the family besides its alias and model ids (compared case-insensitively). */
  names: readonly string[];
}

export const FLASH_RATIOS = [
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

export const PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

const FLASH_2_RATES: TokenRates = { input: 0.5, imageOutput: 60, textOutput: 3 };
const FLASH_2_1_RATES: TokenRates = { input: 1.5, imageOutput: 30, textOutput: 7.5 };

export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    id: 'gemini-nano-banana-2.1',
    otherIds: [],
    productName: 'Nano Banana 2.1',
    family: 'flash',
    status: 'current',
    sizes: ['1K', '2K', '4K'],
    aspectRatios: FLASH_RATIOS,
    imageTokens: { '1K': 1120, '2K': 1680, '4K': 3780 },
    listPrices: { '1K': 0.0336, '2K': 0.0504, '4K': 0.1134 },
    rates: FLASH_2_1_RATES,
    summary: "Google's recommended model: fast, inexpensive, every aspect ratio",
  },
  {
    id: 'gemini-3-pro-image',
    otherIds: ['gemini-3-pro-image-preview'],
    productName: 'Nano Banana Pro',
    family: 'pro',
    status: 'current',
    sizes: ['1K', '2K', '4K'],
    aspectRatios: PRO_RATIOS,
    imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
    listPrices: { '1K': 0.134, '2K': 0.134, '4K': 0.24 },
    rates: { input: 2, imageOutput: 120, textOutput: 12 },
    summary: 'slower and dearer; best at text in images, layout and fine detail',
  },
  {
    id: 'gemini-3.1-flash-lite-image',
    otherIds: [],
    productName: 'Nano Banana 2 Lite',
    family: 'lite',
    status: 'current',
    sizes: ['1K'],
    aspectRatios: FLASH_RATIOS,
    imageTokens: { '1K': 1120 },
    listPrices: { '1K': 0.0336 },
    // Google publishes only the image output rate; input and text rates are taken from Nano Banana 2.1.
    rates: FLASH_2_1_RATES,
    summary: 'the quickest (about 4 seconds), 1K only; for drafts and fast iteration',
  },
  {
    id: 'gemini-3.1-flash-image',
    otherIds: ['gemini-3.1-flash-image-preview'],
    productName: 'Nano Banana 2',
    family: 'flash',
    status: 'deprecated',
    sizes: ['512', '1K', '2K', '4K'],
    aspectRatios: FLASH_RATIOS,
    imageTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
    listPrices: { '512': 0.045, '1K': 0.067, '2K': 0.101, '4K': 0.151 },
    rates: FLASH_2_RATES,
    summary: 'the previous flash model, deprecated by Google; the only one with the 512 size',
  },
  {
    id: 'gemini-2.5-flash-image',
    otherIds: ['gemini-2.5-flash-image-preview'],
    productName: 'Nano Banana',
    family: 'flash',
    status: 'retired',
    sizes: ['1K'],
    aspectRatios: PRO_RATIOS,
    imageTokens: { '1K': 1290 },
    listPrices: { '1K': 0.039 },
    rates: { input: 0.3, imageOutput: 30, textOutput: 2.5 },
    summary: 'the first Nano Banana, retired by Google',
  },
];

export const MODEL_FAMILIES: Readonly<Record<ModelAlias, ModelFamily>> = {
  flash: {
    alias: 'flash',
    defaultId: 'gemini-nano-banana-2.1',
    envVar: 'IMG_MODEL_FLASH',
    names: ['nano banana 2.1', 'nano banana 2', 'nano banana', 'nano-banana-2.1', 'nano-banana-2'],
  },
  pro: {
    alias: 'pro',
    defaultId: 'gemini-3-pro-image',
    envVar: 'IMG_MODEL_PRO',
    names: ['nano banana pro', 'nano-banana-pro', 'nanobananapro'],
  },
  lite: {
    alias: 'lite',
    defaultId: 'gemini-3.1-flash-lite-image',
    envVar: 'IMG_MODEL_LITE',
    names: ['nano banana 2 lite', 'nano banana lite', 'nano-banana-2-lite'],
  },
};

export const DEFAULT_ALIAS: ModelAlias = 'flash';
export const DEFAULT_SIZE: ImageSize = '1K';
export const DEFAULT_ASPECT_RATIO = '1:1';
/** Every aspect ratio any known model takes, in Google's order. */
export const ALL_ASPECT_RATIOS: readonly string[] = FLASH_RATIOS;

/** The known model with this id (its main id or another), case-insensitively; undefined otherwise. */
export function findKnownModel(id: string): KnownModel | undefined {
  const wanted = id
    .trim()
    .toLowerCase()
    .replace(/^models\//, '');
  return KNOWN_MODELS.find((m) => m.id === wanted || m.otherIds.includes(wanted));
}

/** A readable name for a model id found in a record: its product name, or the id itself. */
export function productNameOf(id: string): string {
  return findKnownModel(id)?.productName ?? id;
}

/** No overrides: every alias at its model's list prices. */
export function noPriceOverrides(): PriceOverrides {
  return { flash: {}, pro: {}, lite: {} };
}

/** The id each alias uses when the operator sets no `IMG_MODEL_*` variable. */
export function defaultModelIds(): Record<ModelAlias, string> {
  return {
    flash: MODEL_FAMILIES.flash.defaultId,
    pro: MODEL_FAMILIES.pro.defaultId,
    lite: MODEL_FAMILIES.lite.defaultId,
  };
}

/**
 * How a record's model is shown: the product name of the exact id it was made with, the alias it was
 * chosen by when the record has one, and the id as written when it is not the main id of a model Google
 * serves today (a deprecated, retired or preview id): "Nano Banana 2.1 (flash)", "Nano Banana 2 (flash) ·
 * gemini-3.1-flash-image", "Nano Banana · gemini-2.5-flash-image-preview". An id we do not know is shown
 * as it is.
 */
export function modelLabel(record: { model: string; model_alias: ModelAlias | null }): string {
  const known = findKnownModel(record.model);
  const alias = record.model_alias === null ? '' : ` (${record.model_alias})`;
  if (known === undefined) return `${record.model}${alias}`;
  const current = known.status === 'current' && known.id === record.model;
  return `${known.productName}${alias}${current ? '' : ` · ${record.model}`}`;
}
