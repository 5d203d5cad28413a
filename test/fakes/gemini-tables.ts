// What the fake Gemini knows about the image models, copied from Google's published tables and the
// public reports on each model, and deliberately NOT imported from src/models, so that a mistake in our
// own catalog shows up as a test failure instead of being mirrored by the fake.
//
// Dated 2026-11-29. Google serves Nano Banana 2.1 (`gemini-nano-banana-2.1`, since 2026-10-06; 1K/2K/4K,
// a 512 request is a 400), Nano Banana 2 Lite (`gemini-3.1-flash-lite-image`; 1K only, 2K and 4K are a
// 400) and Nano Banana Pro (`gemini-3-pro-image`, and still its preview id). Nano Banana 2
// (`gemini-3.1-flash-image`) was deprecated on 2026-10-06 and reported shut down on 2026-10-29, so by
// default the fake answers 404 for it, as Google would; a test that plays an operator who still has it
// passes `knownModels` (or calls `setKnownModels`) with `ALL_FAKE_MODEL_IDS`.

/** The ids Google answers today. */
export const DEFAULT_KNOWN_MODELS = [
  'gemini-nano-banana-2.1',
  'gemini-3.1-flash-lite-image',
  'gemini-3-pro-image',
  'gemini-3-pro-image-preview',
] as const;

/** Every id the fake has a table for, the retired Nano Banana 2 ids included. */
export const ALL_FAKE_MODEL_IDS = [
  ...DEFAULT_KNOWN_MODELS,
  'gemini-3.1-flash-image',
  'gemini-3.1-flash-image-preview',
] as const;

/** How one model answers: the sizes and ratios it accepts and the image tokens it bills per size. */
export interface FakeModel {
  /** Which of Google's pixel tables its outputs follow. */
  pixels: 'flash' | 'pro';
  sizes: readonly string[];
  ratios: readonly string[];
  imageTokens: Readonly<Record<string, number>>;
  /** Nano Banana 2 style models insist on the thought signature of an earlier image part. */
  checksThoughtSignatures: boolean;
}

/** Pixel sizes per ratio, in the order 512, 1K, 2K, 4K (Pro has no 512 tier). */
const FLASH_PIXELS: Record<string, readonly [string, string, string, string]> = {
  '1:1': ['512x512', '1024x1024', '2048x2048', '4096x4096'],
  '1:4': ['256x1024', '512x2048', '1024x4096', '2048x8192'],
  '1:8': ['192x1536', '384x3072', '768x6144', '1536x12288'],
  '2:3': ['424x632', '848x1264', '1696x2528', '3392x5056'],
  '3:2': ['632x424', '1264x848', '2528x1696', '5056x3392'],
  '3:4': ['448x600', '896x1200', '1792x2400', '3584x4800'],
  '4:1': ['1024x256', '2048x512', '4096x1024', '8192x2048'],
  '4:3': ['600x448', '1200x896', '2400x1792', '4800x3584'],
  '4:5': ['464x576', '928x1152', '1856x2304', '3712x4608'],
  '5:4': ['576x464', '1152x928', '2304x1856', '4608x3712'],
  '8:1': ['1536x192', '3072x384', '6144x768', '12288x1536'],
  '9:16': ['384x688', '768x1376', '1536x2752', '3072x5504'],
  '16:9': ['688x384', '1376x768', '2752x1536', '5504x3072'],
  '21:9': ['792x168', '1584x672', '3168x1344', '6336x2688'],
};

const FLASH_RATIOS = Object.keys(FLASH_PIXELS);
const PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const SIZE_INDEX: Record<string, number> = { '512': 0, '1K': 1, '2K': 2, '4K': 3 };

const NANO_BANANA_2: FakeModel = {
  pixels: 'flash',
  sizes: ['512', '1K', '2K', '4K'],
  ratios: FLASH_RATIOS,
  imageTokens: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  checksThoughtSignatures: true,
};

const PRO: FakeModel = {
  pixels: 'pro',
  sizes: ['1K', '2K', '4K'],
  ratios: PRO_RATIOS,
  imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  checksThoughtSignatures: false,
};

const MODELS: Readonly<Record<string, FakeModel>> = {
  'gemini-nano-banana-2.1': {
    pixels: 'flash',
    sizes: ['1K', '2K', '4K'],
    ratios: FLASH_RATIOS,
    imageTokens: { '1K': 1120, '2K': 1680, '4K': 3780 },
    checksThoughtSignatures: true,
  },
  'gemini-3.1-flash-lite-image': {
    pixels: 'flash',
    sizes: ['1K'],
    ratios: FLASH_RATIOS,
    imageTokens: { '1K': 1120 },
    checksThoughtSignatures: true,
  },
  'gemini-3.1-flash-image': NANO_BANANA_2,
  'gemini-3.1-flash-image-preview': NANO_BANANA_2,
  'gemini-3-pro-image': PRO,
  'gemini-3-pro-image-preview': PRO,
};

/**
 * The table for a model id. An id a test made known without a table of its own (an operator's custom
 * id) behaves like Nano Banana 2 when its name says flash or banana, else like Pro.
 */
export function fakeModel(modelId: string): FakeModel {
  const known = MODELS[modelId];
  if (known !== undefined) return known;
  return /flash|banana/.test(modelId) ? NANO_BANANA_2 : PRO;
}

/** Pixel size Google documents for a (model, ratio, size); the caller has validated the inputs. */
export function pixelSize(model: FakeModel, ratio: string, size: string): { width: number; height: number } {
  const entry = FLASH_PIXELS[ratio]?.[SIZE_INDEX[size] ?? 1] ?? '1024x1024';
  const usable = model.pixels === 'pro' && !PRO_RATIOS.includes(ratio) ? '1024x1024' : entry;
  const [width, height] = usable.split('x').map(Number);
  return { width: width ?? 1024, height: height ?? 1024 };
}

export function imageTokens(model: FakeModel, size: string): number {
  return model.imageTokens[size] ?? 1120;
}

/** Google's own list of the input MIME types it accepts for inline images. */
export const INPUT_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
] as const;

/** Tokens Google bills for one reference image of the usual size. */
export const TOKENS_PER_REFERENCE = 258;
